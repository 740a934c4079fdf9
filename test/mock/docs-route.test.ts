// GET /docs: served when built, built once on demand otherwise, 501 without a generator.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DocsBuilder, docsRouter, generatorAvailable } from '../../mock-server/http/docs-route.js';
import { DOCS_BUILDER } from '../../mock-server/paths.js';
import { createLogger } from '../../mock-server/traffic/log.js';

let dir: string;
let close: (() => Promise<void>) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mock-docs-'));
});
afterEach(async () => {
  await close?.();
  close = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function serve(builderExists: boolean, load: (file: string) => Promise<DocsBuilder>): Promise<string> {
  const builderPath = path.join(dir, 'docs-site.ts');
  if (builderExists) await writeFile(builderPath, '// builder');
  const app = express();
  app.use(
    docsRouter({
      siteDir: path.join(dir, 'site'),
      builderPath,
      logger: createLogger({ mode: 'silent', nameOf: () => undefined, stderr: () => undefined }),
      load,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('docsRouter', () => {
  it('builds once on the first request, answers 503 meanwhile, then serves the site', async () => {
    let builds = 0;
    let finish: () => void = () => undefined;
    const url = await serve(true, async () => ({
      buildDocsSite: async (outDir: string) => {
        builds++;
        await new Promise<void>((resolve) => (finish = resolve));
        await mkdir(outDir, { recursive: true });
        await writeFile(path.join(outDir, 'index.html'), '<h1>Docs</h1>');
      },
    }));
    const first = await fetch(`${url}/docs/`);
    expect(first.status).toBe(503);
    expect(await first.text()).toContain('reload in a few seconds');
    expect((await fetch(`${url}/docs/`)).status).toBe(503);
    finish();
    for (let i = 0; i < 100 && (await fetch(`${url}/docs/`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 10));
    const done = await fetch(`${url}/docs/`);
    expect(done.status).toBe(200);
    expect(await done.text()).toBe('<h1>Docs</h1>');
    expect(builds).toBe(1);
  });

  it('answers 501 with the command to run when there is no generator', async () => {
    const url = await serve(false, async () => {
      throw new Error('must not be loaded');
    });
    const res = await fetch(`${url}/docs`);
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('npm run docs');
  });

  it('answers 500 with the reason when the build failed', async () => {
    const url = await serve(true, async () => ({
      buildDocsSite: async () => {
        throw new Error('generator exploded');
      },
    }));
    expect((await fetch(`${url}/docs/`)).status).toBe(503);
    let res = await fetch(`${url}/docs/`);
    for (let i = 0; i < 100 && res.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 10));
      res = await fetch(`${url}/docs/`);
    }
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('generator exploded');
  });
});

describe('generatorAvailable', () => {
  it('is true in this repository, where the builder and the HTML template are installed', () => {
    expect(generatorAvailable(DOCS_BUILDER)).toBe(true);
  });

  it('is false where the template cannot be found (an installed package has no devDependencies)', async () => {
    const builder = path.join(dir, 'docs-site.js');
    await writeFile(builder, '// builder');
    expect(generatorAvailable(builder)).toBe(false);
    expect(generatorAvailable(path.join(dir, 'missing.js'))).toBe(false);
  });
});
