// GET /docs: the HTML docs site from site/, served at once. In a clone of the repository (where
// the generator and the template are installed) the site is checked against its inputs (the
// spec, the schemas, the template) on requests, at most every few seconds, and rebuilt in the
// background when they changed: meanwhile the previous build is served, with a notice that
// reloads the page when the new one is in place. An installed package serves the site it ships.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { findPackageRoot } from '../paths.js';
import type { MockLogger } from '../traffic/log.js';

export type DocsSiteState = 'fresh' | 'stale' | 'missing';

/** What the route needs of scripts/docs-site.ts. */
export interface DocsBuilder {
  buildDocsSite(outDir: string): Promise<unknown>;
  /** `inputs` identifies the inputs as they are now (a hash): a failed build is not retried until they change. */
  docsSiteStatus(outDir: string): { state: DocsSiteState; reason?: string; inputs?: string };
}

export interface DocsRouteOptions {
  siteDir: string;
  /** The module exporting the builder; when the generator cannot run here, the shipped site is served as it is. */
  builderPath: string;
  logger: MockLogger;
  load?: (modulePath: string) => Promise<DocsBuilder>;
  /** Whether a build can run here (default: generatorAvailable(builderPath)). */
  canBuild?: () => boolean;
  /** When to load the builder module, after the start (it is loaded on the first request otherwise). Default 1000 ms. */
  preloadAfterMs?: number;
  /** The least time between two checks of the site against its inputs. Default 2000 ms. */
  checkEveryMs?: number;
}

/** The URL the page polls while a build runs. */
export const BUILD_STATUS_PATH = '/docs/build-status';
const BUILD_COMMAND = 'npm run docs';

/**
 * Whether the docs site can be built from this copy of the package: the builder module, its
 * template (docs-template/, not published) and @asyncapi/generator (a devDependency) are all here.
 */
export function generatorAvailable(builderPath: string): boolean {
  if (!existsSync(builderPath)) return false;
  try {
    const root = findPackageRoot(path.dirname(builderPath));
    if (!existsSync(path.join(root, 'docs-template', 'package.json'))) return false;
    createRequire(builderPath).resolve('@asyncapi/generator/package.json');
    return true;
  } catch {
    return false;
  }
}

const STYLE =
  'body{font:17px/1.6 system-ui,sans-serif;color:#1f2937;max-width:42rem;margin:12vh auto;padding:0 1.5rem}' +
  'h1{font-size:1.6rem;line-height:1.3}code{background:#eef1f5;padding:.1em .35em;border-radius:4px}' +
  'pre{background:#0f172a;color:#e2e8f0;padding:1rem;border-radius:8px;overflow:auto;white-space:pre-wrap}' +
  '.spinner{display:inline-block;width:1em;height:1em;border:3px solid #c7d2fe;border-top-color:#1d4ed8;' +
  'border-radius:50%;animation:spin 1s linear infinite;vertical-align:-.15em;margin-right:.5em}' +
  '@keyframes spin{to{transform:rotate(360deg)}}a{color:#1d4ed8}';

/** Reloads the page once the build is over (whatever its outcome: the page then says it). */
const RELOAD_WHEN_BUILT =
  `<script>(function poll(){setTimeout(function(){fetch('${BUILD_STATUS_PATH}',{cache:'no-store'})` +
  `.then(function(r){return r.json()}).then(function(s){if(s.building)poll();else location.reload()},poll)},1000)})()</script>`;

const page = (title: string, body: string, reload = false): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body><main><h1>${title}</h1>${body}` +
  `<p><a href="/">The inspector</a> · <a href="/asyncapi.yaml">asyncapi.yaml</a></p></main>${reload ? RELOAD_WHEN_BUILT : ''}</body></html>`;

const NOTICE =
  '<div role="status" style="position:sticky;top:0;z-index:20;background:#fef3c7;color:#78350f;' +
  'font:15px/1.5 system-ui,sans-serif;padding:10px 24px;border-bottom:1px solid #f59e0b">' +
  'The spec changed since these docs were built: the new docs are being built, and this page reloads when they are ready.</div>';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function docsRouter(options: DocsRouteOptions): Router {
  const router = express.Router();
  const { logger } = options;
  const siteDir = path.resolve(options.siteDir);
  const serveStatic = express.static(siteDir, { redirect: true });
  const canBuild = options.canBuild ?? (() => generatorAvailable(options.builderPath));
  const load = options.load ?? (async (file: string) => (await import(pathToFileURL(file).href)) as DocsBuilder);
  const checkEveryMs = options.checkEveryMs ?? 2000;
  let builder: Promise<DocsBuilder> | null = null;
  let building: Promise<void> | null = null;
  let failure: string | null = null;
  /** The inputs a build failed on: no new build until they change. */
  let failedInputs: string | undefined;
  let state: DocsSiteState | 'unknown' = 'unknown';
  let lastCheck = -Infinity;
  // Load the builder module soon (under tsx that takes a few hundred ms), not on the first request,
  // and not before the mock accepts its first connection either: a second after the start.
  const preload = setTimeout(() => {
    if (builder || !canBuild()) return;
    builder = load(options.builderPath);
    builder.catch(() => undefined); // reported by the first check
  }, options.preloadAfterMs ?? 1000);
  preload.unref();

  const startBuild = (b: DocsBuilder, why: string, inputs: string | undefined): void => {
    const started = performance.now();
    logger.info(
      `Building the docs site in the background (${why}); /docs serves ${state === 'stale' ? 'the previous build' : 'a notice'} meanwhile.`,
    );
    failure = null;
    building = b
      .buildDocsSite(siteDir)
      .then(() => {
        state = 'fresh';
        logger.info(`The docs site is built (${((performance.now() - started) / 1000).toFixed(1)} s).`);
      })
      .catch((err: unknown) => {
        failure = err instanceof Error ? err.message : String(err);
        failedInputs = inputs;
        logger.error('Building the docs site failed', { error: failure });
      })
      .finally(() => {
        building = null;
        lastCheck = -Infinity;
      });
  };

  /** Compares the site with its inputs (at most every checkEveryMs) and starts a build when needed. */
  const check = async (): Promise<void> => {
    if (building || performance.now() - lastCheck < checkEveryMs || !canBuild()) return;
    lastCheck = performance.now();
    try {
      const b = await (builder ??= load(options.builderPath));
      const status = b.docsSiteStatus(siteDir);
      state = status.state;
      if (status.state === 'fresh') failure = null;
      const retry = !failure || (status.inputs !== undefined && status.inputs !== failedInputs);
      if (status.state !== 'fresh' && !building && retry) {
        startBuild(b, status.reason ?? `the site is ${status.state}`, status.inputs);
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      logger.error('Checking the docs site failed', { error: failure });
    }
  };

  const stamp = (): { current?: string } | null => {
    try {
      return JSON.parse(readFileSync(path.join(siteDir, 'build.json'), 'utf8')) as { current?: string };
    } catch {
      return null;
    }
  };

  router.get(BUILD_STATUS_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ building: building !== null, site: state, error: failure });
  });

  router.use('/docs', async (req: Request, res: Response, next) => {
    await check();
    const built = existsSync(path.join(siteDir, 'index.html'));
    if (built) {
      const current = stamp()?.current;
      if (current && (req.path === '/' || req.path === '') && req.method === 'GET') {
        return res.redirect(302, `/docs/${current}/`);
      }
      if (building && req.method === 'GET' && /(^|\/)(index\.html)?$/.test(req.path)) {
        const file = path.resolve(siteDir, `.${req.path.endsWith('/') ? `${req.path}index.html` : req.path}`);
        if (file.startsWith(siteDir + path.sep) && existsSync(file)) {
          res.set('Cache-Control', 'no-store');
          const html = readFileSync(file, 'utf8');
          return res.type('html').send(html.replace(/<body[^>]*>/, (tag) => `${tag}${NOTICE}${RELOAD_WHEN_BUILT}`));
        }
      }
      return serveStatic(req, res, next);
    }
    res.set('Cache-Control', 'no-store');
    if (failure) {
      return res
        .status(500)
        .type('html')
        .send(
          page(
            'The docs site could not be built',
            `<pre>${escapeHtml(failure)}</pre><p>Build it by hand with <code>${BUILD_COMMAND}</code>, then reload.</p>`,
          ),
        );
    }
    if (!building) {
      return res
        .status(501)
        .type('html')
        .send(
          page(
            'The docs site is not available here',
            `<p>This copy of the package has no built docs site and no docs generator (a development tool). From a clone of the repository, run <code>npm ci</code> (it builds the site), or <code>${BUILD_COMMAND}</code>, then reload.</p>`,
          ),
        );
    }
    return res
      .status(503)
      .set('Retry-After', '5')
      .type('html')
      .send(
        page(
          'The docs are being built',
          `<p><span class="spinner" aria-hidden="true"></span>The docs site is being built from <code>asyncapi.yaml</code>; this page opens it as soon as it is ready (usually within 15 seconds).</p>` +
            `<p>It is normally built by <code>npm install</code>: run <code>${BUILD_COMMAND}</code> after a fresh checkout to have it ready before the mock starts.</p>`,
          true,
        ),
      );
  });
  return router;
}
