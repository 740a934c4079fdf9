// The inspector's route: GET / serves the page, /__inspector/ its files, built on the fly from the
// sources when missing or stale, with a clear page when they cannot be built.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildInspector, isInspectorStale } from '../../inspector/build.js';
import type { MockServer } from '../../mock-server/index.js';
import { InspectorAssets, INSPECTOR_BUILDER } from '../../mock-server/http/inspector-assets.js';
import { type InspectorContext, inspectorRouter } from '../../mock-server/http/inspector-route.js';
import { TrafficLog } from '../../mock-server/traffic/traffic.js';
import { startTestServer } from '../mock/helpers.js';

const temps: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-dist-'));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the inspector on a running mock', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the page at / with its script, style and the links to the docs and the spec', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/__inspector/inspector.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/__inspector/style.css" />');
    for (const href of ['/docs/', '/asyncapi.yaml', '/asyncapi.json']) expect(html).toContain(`href="${href}"`);
  });

  it('serves the bundle and the style under /__inspector/, and 404 for anything else there', async () => {
    const script = await fetch(`${server.url}/__inspector/inspector.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    const code = await script.text();
    // One self-contained script: no import left for the browser to resolve, no require shim, no CDN.
    expect(/\bfrom\s*["']|\bimport\s*\(/.test(code), 'an import is left in the bundle').toBe(false);
    expect(code.includes('Dynamic require of'), 'a require() is left in the bundle').toBe(false);
    expect(/https?:\/\/(cdn|unpkg|esm\.sh|jsdelivr)/.test(code), 'the bundle loads from a CDN').toBe(false);
    const style = await fetch(`${server.url}/__inspector/style.css`);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${server.url}/__inspector/nothing.js`)).status).toBe(404);
  });

  it('leaves the control API alone', async () => {
    const response = await fetch(`${server.url}/__mock/users`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(server.users.length);
  });
});

describe('InspectorAssets', () => {
  it('builds the page when it is missing, and not again while it is fresh', async () => {
    const dir = path.join(tempDir(), 'dist');
    const assets = new InspectorAssets({ distDir: dir, builderPath: INSPECTOR_BUILDER });
    expect(await assets.ready()).toEqual({ ok: true, dir });
    expect(fs.readdirSync(dir).sort()).toEqual(['index.html', 'inspector.js', 'style.css']);
    const built = fs.statSync(path.join(dir, 'inspector.js')).mtimeMs;
    expect(await assets.ready()).toEqual({ ok: true, dir });
    expect(fs.statSync(path.join(dir, 'inspector.js')).mtimeMs).toBe(built);
  });

  it('rebuilds a page older than its sources', async () => {
    const dir = tempDir();
    await buildInspector(dir);
    const old = new Date('2020-01-01T00:00:00Z');
    for (const file of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, file), old, old);
    expect(isInspectorStale(dir)).toBe(true);
    const assets = new InspectorAssets({ distDir: dir, builderPath: INSPECTOR_BUILDER });
    expect(await assets.ready()).toEqual({ ok: true, dir });
    expect(isInspectorStale(dir)).toBe(false);
  });

  it('says to install esbuild and build when esbuild is unavailable and nothing is built', async () => {
    const warn = vi.fn();
    const assets = new InspectorAssets({
      distDir: path.join(tempDir(), 'dist'),
      builderPath: INSPECTOR_BUILDER,
      load: () => Promise.reject(new Error("Cannot find package 'esbuild' imported from inspector/build.ts")),
      warn,
    });
    const status = await assets.ready();
    expect(status.ok).toBe(false);
    const message = status.ok ? '' : status.message;
    expect(message).toContain('esbuild is unavailable');
    expect(message).toContain('npm run inspector:build');
    expect(warn).toHaveBeenCalledWith(message);
  });

  it('serves an older build when a new one cannot be made', async () => {
    const dir = tempDir();
    await buildInspector(dir);
    const assets = new InspectorAssets({
      distDir: dir,
      builderPath: INSPECTOR_BUILDER,
      load: () => Promise.reject(new Error('boom')),
      warn: () => {},
    });
    expect(await assets.ready()).toEqual({ ok: true, dir });
  });

  it('without a builder (compiled JavaScript), serves what is built or says how to build it', async () => {
    const empty = new InspectorAssets({ distDir: path.join(tempDir(), 'dist'), builderPath: null });
    const status = await empty.ready();
    expect(status.ok ? '' : status.message).toMatch(/The inspector page is not built .*npm run inspector:build/);
    const dir = tempDir();
    await buildInspector(dir);
    expect(await new InspectorAssets({ distDir: dir, builderPath: null }).ready()).toEqual({ ok: true, dir });
  });
});

describe('inspectorRouter when the page cannot be built', () => {
  it('answers GET / with 503 and a page that says why and links to the rest of the mock', async () => {
    const closeHooks: (() => void)[] = [];
    const ctx = {
      traffic: new TrafficLog(10),
      wsUrl: () => 'ws://127.0.0.1:1/ws/chats/',
      onClose: (hook: () => void) => void closeHooks.push(hook),
    } as unknown as InspectorContext;
    const app = express().use(
      inspectorRouter(ctx, { assets: { distDir: path.join(tempDir(), 'dist'), builderPath: null, warn: () => {} } }),
    );
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    try {
      const { port } = http.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain('The inspector page is not built');
      expect(html).toContain('npm run inspector:build');
      expect(html).toContain('ws://127.0.0.1:1/ws/chats/');
      for (const href of ['/docs/', '/asyncapi.yaml', '/__mock/users']) expect(html).toContain(`href="${href}"`);
      expect((await fetch(`http://127.0.0.1:${port}/__inspector/inspector.js`)).status).toBe(503);
    } finally {
      for (const hook of closeHooks) hook();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
