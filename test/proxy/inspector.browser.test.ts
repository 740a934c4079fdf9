// The inspector of the proxy in Chromium: a server that breaks the contract is named as such on
// its connection, its frames marked invalid; the fault buttons start and end faults, and the ones
// in force show at a glance. Screenshots go to test-output/proxy/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import { until } from '../mock/helpers.js';
import { type Upstream, openClient, startUpstream } from './upstream.js';

const SHOTS = testOutputDir('proxy');
const WAIT = { timeout: 10_000 };
const WRONG = [
  '{"type":"new_msg","content":{}}',
  '{"type":"set_online","content":{}}',
  '{"error": "Something went wrong"}',
];

let browser: Browser;
let upstream: Upstream;
let proxy: ProxyServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  upstream = await startUpstream({ onFrame: (ws) => WRONG.forEach((text) => ws.send(text)) });
  proxy = await startProxyServer({ upstream: upstream.url, port: 0 });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = collectPageErrors(page);
  await page.goto(`${proxy.url}/`);
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  await page.waitForSelector('#live-status[data-status="live"]', WAIT);
});
afterEach(async () => {
  await page?.close();
  await proxy.close();
  await upstream.close();
  expect(errors).toEqual([]);
});

const token = signJwt({ user_id: 12 }, 'the upstream decides');

describe('the inspector of the proxy', () => {
  it('says which server it relays to, and shows no world of its own', async () => {
    expect(await page.locator('body').getAttribute('data-mode')).toBe('proxy');
    expect(await page.locator('#server-name').textContent()).toBe('chats-ws proxy');
    expect(await page.locator('#ws-url').textContent()).toBe(
      `ws://127.0.0.1:${proxy.port}/ws/chats/ → ${upstream.url}`,
    );
    for (const hidden of ['.people-panel', '.chats-panel', '.col-act', '#users-link'])
      expect(await page.locator(hidden).isVisible()).toBe(false);
  });

  it('under --protocol 2, names the path clients of version 2 connect to', async () => {
    const v2 = await startProxyServer({ upstream: upstream.url, port: 0, protocol: 2 });
    try {
      await page.goto(`${v2.url}/`);
      await page.waitForSelector('body[data-ready="true"]', WAIT);
      expect(await page.locator('#ws-url').textContent()).toBe(`ws://127.0.0.1:${v2.port}/ws/chat/ → ${upstream.url}`);
    } finally {
      await v2.close();
    }
  });

  it('puts the broken contract on the server, per connection, with the invalid frames marked', async () => {
    const client = await openClient(proxy.wsUrl, ['Bearer', token]);
    client.ws.send('{"type":"set_online","content":{}}');
    const connection = page.locator('#connections li[data-connection="c1"]');
    await expect.poll(() => connection.getAttribute('data-blame'), WAIT).toBe('server');
    await expect
      .poll(() => connection.locator('.connection-counts').textContent(), WAIT)
      .toBe('in 1 (0 invalid) · out 3 (3 invalid)');
    expect(await connection.locator('.badge').textContent()).toBe('the server broke the contract');
    const invalidOut = page.locator('#traffic-list li.row[data-direction="out"][data-verdict="invalid"]');
    await expect.poll(() => invalidOut.count(), WAIT).toBe(3);
    expect(await page.locator('#traffic-list li.row[data-direction="in"][data-verdict="valid"]').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'server-broke-the-contract.png') });
    client.ws.send('{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}');
    await expect.poll(() => connection.getAttribute('data-blame'), WAIT).toBe('both');
    client.ws.close();
  });

  it('starts faults with its buttons, shows those in force at a glance, and ends them', async () => {
    const client = await openClient(proxy.wsUrl, ['Bearer', token]);
    await expect.poll(() => page.locator('#fault-user option[value="12"]').count(), WAIT).toBe(1);

    await page.selectOption('#fault-user', '12');
    await page.click('#fault-stall');
    await page.waitForSelector('#faults-active .fault-stall', WAIT);
    expect(proxy.faults.active().stall).toMatchObject({ user: 12, connections: ['c1'] });
    expect(await page.locator('#fault-stall').getAttribute('aria-pressed')).toBe('true');

    await page.click('#fault-link summary');
    await page.fill('#fault-link-form input[name="latency_ms"]', '150');
    await page.fill('#fault-link-form input[name="drop_pct"]', '10');
    await page.selectOption('#fault-link-form select[name="direction"]', 'out');
    await page.click('#fault-link-form button[type="submit"]');
    await page.waitForSelector('#faults-active .fault-link', WAIT);
    expect(await page.locator('#faults-active .fault-link').textContent()).toContain(
      '#1 latency 150±50 ms, drop 10%, out (server → client), user 12',
    );
    expect(proxy.faults.active().links).toMatchObject([{ latency_ms: 150, jitter_ms: 50, drop_rate: 0.1, user: 12 }]);

    await page.fill('#fault-outage-seconds', '30');
    await page.click('#fault-outage');
    await page.waitForSelector('#faults-active .fault-outage', WAIT);
    expect(await page.locator('#faults-active .fault-outage').textContent()).toMatch(
      /^outage · HTTP 503 · (30|29|28) s left/,
    );
    expect(await page.locator('#faults').getAttribute('data-active')).toBe('3');
    expect((await client.closed).code).toBe(1012);
    await page.screenshot({ path: path.join(SHOTS, 'faults.png') });

    await page.click('#faults-active .fault-outage .chip-end');
    await expect.poll(() => page.locator('#faults').getAttribute('data-active'), WAIT).toBe('2');
    expect(proxy.faults.active().outage).toBeNull();
    await page.click('#fault-clear');
    await expect.poll(() => page.locator('#faults').getAttribute('data-active'), WAIT).toBe('0');
    expect(proxy.faults.active()).toMatchObject({ links: [], stall: null, outage: null });

    const again = await openClient(proxy.wsUrl, ['Bearer', token]);
    await until(() => proxy.connections().some((c) => c.id === 'c2' && c.closed_at === null));
    await page.selectOption('#fault-user', '');
    await page.click('#fault-disconnect');
    expect(await again.closed).toEqual({ code: 1012, reason: 'Service restart' });
    // Every fault is in the traffic list too.
    await page.selectOption('#filter-verdict', 'fault');
    await expect
      .poll(
        () => page.locator('#traffic-list li.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-fault'))),
        WAIT,
      )
      .toEqual(['disconnect', 'cleared', 'outage_end', 'outage', 'link', 'stall']);
  });
});
