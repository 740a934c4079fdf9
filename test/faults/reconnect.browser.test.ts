// In real Chromium: a page's WebSocket client with reconnect logic comes back after a disconnect
// (1012) and through an outage (1012, then upgrades refused until it ends), on the mock and on the
// proxy in front of it alike.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { collectPageErrors, launchChromium } from '../helpers/browser.js';
import { tokenOf } from '../mock/helpers.js';
import { call } from './control.js';
import { servePage } from './frontend-page.js';

const WAIT = { timeout: 15_000 };
const HELLO = JSON.stringify({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });

let browser: Browser;
let mock: MockServer;
let proxy: ProxyServer | null = null;
let page: Page;
let served: Awaited<ReturnType<typeof servePage>>;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await served?.close();
  await proxy?.close();
  await mock?.close();
  proxy = null;
  // The page logs failed handshakes (the outage's 503) as console errors: those are expected.
  expect(errors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
});

const events = (): Promise<string[]> => page.evaluate(() => (window as unknown as { events: string[] }).events);
const count = async (event: string): Promise<number> => (await events()).filter((e) => e === event).length;

describe.each(['the mock', 'the proxy in front of the mock'])('a reconnecting page, on %s', (where) => {
  it('comes back after a disconnect and after an outage, and its socket works again each time', async () => {
    mock = await startMockServer({ port: 0, bots: false });
    proxy = where === 'the mock' ? null : await startProxyServer({ upstream: mock.wsUrl, port: 0 });
    const server = proxy ?? mock;
    served = await servePage(server.wsUrl, tokenOf(mock, 12), HELLO);
    page = await browser.newPage();
    errors = collectPageErrors(page);
    await page.goto(served.url);
    // Its first frame on each open comes back (project typing reaches the typist too).
    await page.waitForFunction(
      () => (window as unknown as { events: string[] }).events.includes('message user_typing'),
      undefined,
      WAIT,
    );

    const disconnect = await call(server.url, 'POST', '/__mock/disconnect', {});
    expect(disconnect.json).toMatchObject({ ok: true, code: 1012, closed: [expect.any(String)] });
    await page.waitForFunction(
      () => (window as unknown as { events: string[] }).events.filter((e) => e === 'message user_typing').length === 2,
      undefined,
      WAIT,
    );

    await call(server.url, 'POST', '/__mock/outage', { seconds: 1.5 });
    await page.waitForFunction(
      () => (window as unknown as { events: string[] }).events.filter((e) => e === 'message user_typing').length === 3,
      undefined,
      WAIT,
    );
    const log = await events();
    // Two clean closes with 1012, then the attempts the outage refused (the browser sees 1006).
    expect(log.filter((e) => e.startsWith('close')).slice(0, 2)).toEqual(['close 1012', 'close 1012']);
    expect(log.filter((e) => e === 'close 1006').length).toBeGreaterThan(0);
    expect(await count('open')).toBe(3);
    expect(server.faults.active().counts.refused).toBeGreaterThan(0);
    expect(mock.stats().connections).toBe(1);
  }, 60_000);
});
