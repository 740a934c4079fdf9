// GET /docs: a built site is served at once; a stale one is served at once too, with a notice,
// while it is rebuilt in the background; a missing one is built with a wait page meanwhile;
// without a generator the shipped site is served as it is (or a 501 says how to get one).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILD_STATUS_PATH,
  type DocsBuilder,
  type DocsSiteState,
  docsRouter,
  generatorAvailable,
} from '../../mock-server/http/docs-route.js';
import { DOCS_BUILDER } from '../../mock-server/paths.js';
import { createLogger } from '../../mock-server/traffic/log.js';

let dir: string;
let site: string;
let close: (() => Promise<void>) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mock-docs-'));
  site = path.join(dir, 'site');
});
afterEach(async () => {
  await close?.();
  close = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function writeSite(text: string): Promise<void> {
  await mkdir(path.join(site, 'v1'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), '<meta http-equiv="refresh" content="0; url=v1/">');
  await writeFile(path.join(site, 'build.json'), JSON.stringify({ current: 'v1' }));
  await writeFile(path.join(site, 'v1', 'index.html'), `<html><body class="docs"><h1>${text}</h1></body></html>`);
}

interface FakeBuilder {
  state: DocsSiteState;
  inputs: string;
  builds: number;
  fail: string | null;
  /** Lets the build under way finish. */
  release: () => void;
  builder: DocsBuilder;
}

/** A builder whose site state and builds the test controls. */
function fakeBuilder(initial: DocsSiteState, inputs = 'inputs-1'): FakeBuilder {
  const fake: FakeBuilder = {
    state: initial,
    inputs,
    builds: 0,
    fail: null as string | null,
    release: (): void => undefined,
    builder: {
      docsSiteStatus: () => ({ state: fake.state, reason: `the site is ${fake.state}`, inputs: fake.inputs }),
      buildDocsSite: async () => {
        fake.builds++;
        await new Promise<void>((resolve) => (fake.release = resolve));
        if (fake.fail) throw new Error(fake.fail);
        await writeSite(`built ${fake.builds}`);
        fake.state = 'fresh';
      },
    },
  };
  return fake;
}

async function serve(options: { canBuild: boolean; builder?: DocsBuilder; onLoad?: () => void }): Promise<string> {
  const app = express();
  app.use(
    docsRouter({
      siteDir: site,
      builderPath: path.join(dir, 'docs-site.ts'),
      logger: createLogger({ mode: 'silent', nameOf: () => undefined, stderr: () => undefined }),
      canBuild: () => options.canBuild,
      checkEveryMs: 0,
      load: async () => {
        options.onLoad?.();
        if (!options.builder) throw new Error('must not be loaded');
        return options.builder;
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string) => fetch(url, { redirect: 'manual' });

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met within 2 s');
}

const status = async (url: string) =>
  (await (await get(`${url}${BUILD_STATUS_PATH}`)).json()) as { building: boolean; site: string; error: string | null };

describe('docsRouter, where the site can be built', () => {
  it('serves an up-to-date site at once, /docs/ opening the current version, and builds nothing', async () => {
    await writeSite('Docs v1');
    const fake = fakeBuilder('fresh');
    const url = await serve({ canBuild: true, builder: fake.builder });
    const front = await get(`${url}/docs/`);
    expect(front.status).toBe(302);
    expect(front.headers.get('location')).toBe('/docs/v1/');
    const docs = await get(`${url}/docs/v1/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toBe('<html><body class="docs"><h1>Docs v1</h1></body></html>');
    expect(fake.builds).toBe(0);
    expect(await status(url)).toEqual({ building: false, site: 'fresh', error: null });
  });

  it('serves a stale site at once with a notice, rebuilds it once in the background, then serves the new one', async () => {
    await writeSite('old');
    const fake = fakeBuilder('stale');
    const url = await serve({ canBuild: true, builder: fake.builder });
    const first = await get(`${url}/docs/v1/`);
    expect(first.status).toBe(200);
    const text = await first.text();
    expect(text).toContain('<h1>old</h1>');
    expect(text).toContain('The spec changed since these docs were built');
    expect(text).toContain(BUILD_STATUS_PATH);
    expect((await get(`${url}/docs/v1/index.html`)).status).toBe(200);
    expect(await status(url)).toEqual({ building: true, site: 'stale', error: null });
    fake.release();
    await until(async () => !(await status(url)).building);
    const after = await get(`${url}/docs/v1/`);
    expect(await after.text()).toBe('<html><body class="docs"><h1>built 1</h1></body></html>');
    expect(fake.builds).toBe(1);
  });

  it('builds a missing site, answering 503 with a page that reloads itself meanwhile', async () => {
    const fake = fakeBuilder('missing');
    const url = await serve({ canBuild: true, builder: fake.builder });
    const first = await get(`${url}/docs/`);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    const text = await first.text();
    expect(text).toContain('<h1>The docs are being built</h1>');
    expect(text).toContain(BUILD_STATUS_PATH);
    expect((await get(`${url}/docs/`)).status).toBe(503);
    fake.release();
    await until(async () => (await get(`${url}/docs/v1/`)).status === 200);
    expect(fake.builds).toBe(1);
  });

  it('says why a build failed, and tries again only once the inputs change', async () => {
    const fake = fakeBuilder('missing');
    fake.fail = 'asyncapi.yaml: bad indentation';
    const url = await serve({ canBuild: true, builder: fake.builder });
    expect((await get(`${url}/docs/`)).status).toBe(503);
    fake.release();
    await until(async () => (await get(`${url}/docs/`)).status === 500);
    const failed = await get(`${url}/docs/`);
    expect(await failed.text()).toContain('asyncapi.yaml: bad indentation');
    expect(fake.builds).toBe(1);
    expect((await status(url)).error).toBe('asyncapi.yaml: bad indentation');
    fake.fail = null;
    fake.inputs = 'inputs-2';
    expect((await get(`${url}/docs/`)).status).toBe(503);
    fake.release();
    await until(async () => (await get(`${url}/docs/v1/`)).status === 200);
    expect(fake.builds).toBe(2);
  });
});

describe('docsRouter, where the generator is absent (an installed package)', () => {
  it('serves the shipped site without loading the builder', async () => {
    await writeSite('shipped');
    let loads = 0;
    const url = await serve({ canBuild: false, onLoad: () => loads++ });
    const res = await fetch(`${url}/docs/`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${url}/docs/v1/`);
    expect(await res.text()).toContain('<h1>shipped</h1>');
    expect(loads).toBe(0);
  });

  it('answers 501 with the command to run when no site was shipped', async () => {
    const url = await serve({ canBuild: false });
    const res = await get(`${url}/docs`);
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('npm run docs');
  });
});

describe('generatorAvailable', () => {
  it('is true in this repository, where the builder, the template and the generator are installed', () => {
    expect(generatorAvailable(DOCS_BUILDER)).toBe(true);
  });

  it('is false for a builder outside this package, or missing', async () => {
    const builder = path.join(dir, 'docs-site.js');
    await writeFile(builder, '// builder');
    expect(generatorAvailable(builder)).toBe(false);
    expect(generatorAvailable(path.join(dir, 'missing.js'))).toBe(false);
  });
});
