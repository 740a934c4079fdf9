// A page of another origin, in real Chromium, next to the mock on a developer's laptop: it can
// neither read nor change anything through the control API, the live stream or a WebSocket with
// the (well-known) fixture tokens; and a page that rebinds its own name to 127.0.0.1 (DNS
// rebinding) meets a 403. A loopback dev server's page, by contrast, may read and act.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { launchChromium } from '../helpers/browser.js';
import { startTestServer, tokenOf } from '../mock/helpers.js';
import { worldOf } from './helpers.js';

let server: MockServer;
let site: http.Server;
let sitePort = 0;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  // The other site: a blank page. Chromium maps its name to this machine.
  site = http.createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>site</title>'),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  sitePort = (site.address() as AddressInfo).port;
  browser = await launchChromium(['--host-resolver-rules=MAP evil.test 127.0.0.1']);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  expect(server.stats().outgoingViolations).toBe(0);
  await server.close();
});

async function pageAt(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  return page;
}

/** What the page's script could do to the mock at `mock` (its URLs and user 12's token). */
function attack(page: Page, mock: { url: string; wsUrl: string; token: string }) {
  return page.evaluate(async ({ url, wsUrl, token }) => {
    const outcome = async (run: () => Promise<string>): Promise<string> => {
      try {
        return await run();
      } catch (err) {
        return `refused (${(err as Error).name})`;
      }
    };
    const read = await outcome(async () => `read ${(await (await fetch(`${url}/__mock/users`)).text()).length} bytes`);
    const frame = JSON.stringify({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'forged', reply_to: null },
    });
    // No preflight: a "simple" request, the response unreadable; the question is whether it acted.
    await fetch(`${url}/__mock/act-as/12`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'Content-Type': 'text/plain' },
      body: frame,
    }).catch(() => null);
    await fetch(`${url}/__mock/reset`, { method: 'POST', mode: 'no-cors' }).catch(() => null);
    const emit = await outcome(async () => {
      const res = await fetch(`${url}/__mock/emit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: 'all', event: { type: 'set_offline', content: { user_id: 12 } } }),
      });
      return `HTTP ${res.status}`;
    });
    const live = await new Promise<string>((resolve) => {
      const source = new EventSource(`${url}/__mock/live`);
      source.addEventListener('hello', () => (source.close(), resolve('streamed')));
      source.onerror = () => (source.close(), resolve('refused'));
    });
    const socket = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl, ['Bearer', token]);
      ws.onopen = () => (ws.close(), resolve('opened'));
      ws.onerror = () => resolve('refused');
    });
    return { read, emit, live, socket };
  }, mock);
}

describe('a page of another origin', () => {
  it('can neither read nor change anything, nor open a socket with a fixture token', async () => {
    const before = worldOf(server);
    const page = await pageAt(`http://evil.test:${sitePort}/`);
    const result = await attack(page, { url: server.url, wsUrl: server.wsUrl, token: tokenOf(server, 12) });
    expect(result).toEqual({
      read: 'refused (TypeError)',
      emit: 'refused (TypeError)',
      live: 'refused',
      socket: 'refused',
    });
    expect(worldOf(server)).toEqual(before);
    expect(server.traffic.total).toBe(0);
    expect(server.stats().http.refused[403]).toBeGreaterThanOrEqual(4);
    await page.close();
  });
});

describe('a page that rebinds its own name to the mock (DNS rebinding)', () => {
  it('gets 403 for the page and for its same-origin requests', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://evil.test:${server.port}/__mock/users`);
    expect(response?.status()).toBe(403);
    const sameOrigin = await page.evaluate(async () => (await fetch('/__mock/state')).status);
    expect(sameOrigin).toBe(403);
    await page.close();
  });
});

describe('a loopback dev server’s page', () => {
  it('may read and act, as a frontend under development does', async () => {
    const page = await pageAt(`http://localhost:${sitePort}/`);
    const result = await attack(page, { url: server.url, wsUrl: server.wsUrl, token: tokenOf(server, 12) });
    expect(result.read).toMatch(/^read \d+ bytes$/);
    expect(result).toMatchObject({ emit: 'HTTP 200', live: 'streamed', socket: 'opened' });
    await page.close();
  });
});
