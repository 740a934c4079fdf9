// GET /docs: the HTML docs site, served from site/ when built; otherwise built on first request
// (scripts/docs-site.ts, imported once, never blocking start-up) with a "reload" page meanwhile.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import type { MockLogger } from '../traffic/log.js';

export interface DocsBuilder {
  buildDocsSite(outDir: string): Promise<unknown>;
}

export interface DocsRouteOptions {
  siteDir: string;
  /** The module exporting buildDocsSite; when the file is missing the route answers 501. */
  builderPath: string;
  logger: MockLogger;
  load?: (modulePath: string) => Promise<DocsBuilder>;
  /** Whether a build can run here (default: the builder file exists). */
  canBuild?: () => boolean;
}

/**
 * Whether the docs generator can run from this copy of the package: the builder module and the
 * HTML template (a devDependency, absent from an installed package) can both be found.
 */
export function generatorAvailable(builderPath: string): boolean {
  if (!existsSync(builderPath)) return false;
  try {
    createRequire(builderPath).resolve('@asyncapi/html-template/package.json');
    return true;
  } catch {
    return false;
  }
}

const BUILD_COMMAND = 'npm run docs';

const page = (title: string, body: string, refresh = false): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${refresh ? '<meta http-equiv="refresh" content="3">' : ''}` +
  `<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em}</style>` +
  `</head><body><h1>${title}</h1>${body}<p><a href="/">Back to the index</a></p></body></html>`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function docsRouter(options: DocsRouteOptions): Router {
  const router = express.Router();
  const serveStatic = express.static(options.siteDir);
  const load = options.load ?? (async (file: string) => (await import(pathToFileURL(file).href)) as DocsBuilder);
  let building: Promise<void> | null = null;
  let failure: string | null = null;

  const startBuild = (): void => {
    options.logger.info(`Building the docs site into ${options.siteDir} (first request to /docs)…`);
    building = load(options.builderPath)
      .then((builder) => builder.buildDocsSite(options.siteDir))
      .then(() => options.logger.info('The docs site is built.'))
      .catch((err: unknown) => {
        failure = err instanceof Error ? err.message : String(err);
        options.logger.error('Building the docs site failed', { error: failure });
      })
      .finally(() => {
        building = null;
      });
  };

  router.use('/docs', (req: Request, res: Response, next) => {
    if (existsSync(path.join(options.siteDir, 'index.html'))) return serveStatic(req, res, next);
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
    if (!building && !(options.canBuild ?? (() => existsSync(options.builderPath)))()) {
      return res
        .status(501)
        .type('html')
        .send(
          page(
            'The docs site is not available here',
            `<p>This copy of the package has no docs generator (it is a development tool). From a clone of the repository, run <code>npm ci &amp;&amp; ${BUILD_COMMAND}</code>, then restart the mock. The spec itself is at <a href="/asyncapi.yaml">/asyncapi.yaml</a>.</p>`,
          ),
        );
    }
    if (!building) startBuild();
    return res
      .status(503)
      .set('Retry-After', '3')
      .type('html')
      .send(
        page(
          'The docs are being built',
          '<p>The docs are being built, reload in a few seconds (this page reloads itself).</p>',
          true,
        ),
      );
  });
  return router;
}
