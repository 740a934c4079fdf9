// In real Chromium: a page connected over a degraded link (latency with jitter, a quarter of the
// frames dropped, a quarter duplicated; seeded) receives exactly the frames the traffic log says
// were not dropped, the duplicated ones twice, in order; and the inspector shows each frame the
// link delayed, dropped and duplicated.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer, TrafficRecord } from '../../mock-server/index.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import { type TestClient, connect, settle, startTestServer, tokenOf, until } from '../mock/helpers.js';
import { call } from './control.js';
import { servePage } from './frontend-page.js';

const WAIT = { timeout: 15_000 };
const SENT = 24;

let browser: Browser;
let server: MockServer;
let james: TestClient;
let pages: Page[] = [];
/** Each page's console and page errors (none is expected). */
let errors: string[][] = [];
let served: Awaited<ReturnType<typeof servePage>>;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const page of pages) await page.close();
  pages = [];
  await james?.close();
  await served?.close();
  await server?.close();
  expect(errors.flat()).toEqual([]);
  errors = [];
});

async function newPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors.push(collectPageErrors(page));
  pages.push(page);
  await page.goto(url);
  return page;
}

/** The message id a record's frame carries (its preview begins with it). */
const messageId = (record: TrafficRecord): number => Number(/"message":\{"id":(\d+)/.exec(record.preview)?.[1]);

describe('a degraded link, seen from a page in Chromium', () => {
  it('delivers exactly what the traffic log says it did not drop, duplicates twice, in order', async () => {
    server = await startTestServer();
    served = await servePage(server.wsUrl, tokenOf(server, 12));
    const frontend = await newPage(served.url);
    await frontend.waitForFunction(
      () => (window as unknown as { events: string[] }).events.includes('open'),
      undefined,
      WAIT,
    );
    james = await connect(server, 23);
    await settle(james);
    const since = server.traffic.total;
    const { json } = await call(server.url, 'POST', '/__mock/faults', {
      latency_ms: 30,
      jitter_ms: 20,
      drop_rate: 0.25,
      duplicate_rate: 0.25,
      user: 12,
      direction: 'out',
      seed: 3,
    });
    expect(json).toMatchObject({ ok: true, link: { id: 1 } });

    for (let i = 0; i < SENT; i++)
      james.send({
        type: 'new_message',
        content: { chat_type: 'project', chat_id: 7, message: `m${i}`, reply_to: null },
      });
    const [own] = await settle(james);
    expect(own).toHaveLength(SENT); // the sender's link is not degraded

    // What the log says happened to each of Anna's frames.
    const records = server.traffic.recent(1000, since).filter((r) => r.user_id === 12 && r.type === 'new_message');
    const sent = records.filter((r) => r.source === 'socket').map(messageId);
    const did = (fault: string) =>
      new Set(records.filter((r) => (r.frame as { fault?: string }).fault === fault).map(messageId));
    await until(() => server.faults.active().counts.delayed + server.faults.active().counts.dropped >= SENT, 5000);
    const dropped = did('dropped');
    const duplicated = did('duplicated');
    const delayed = did('delayed');
    expect(sent).toHaveLength(SENT);
    expect(dropped.size).toBeGreaterThan(0);
    expect(duplicated.size).toBeGreaterThan(0);
    expect([...delayed].sort()).toEqual(sent.filter((id) => !dropped.has(id)).sort());
    const expected = sent.flatMap((id) =>
      dropped.has(id) ? [] : Array(duplicated.has(id) ? 2 : 1).fill(`message new_message ${id}`),
    );
    await frontend.waitForFunction(
      (n) =>
        (window as unknown as { events: string[] }).events.filter((e) => e.startsWith('message new_message')).length >=
        n,
      expected.length,
      WAIT,
    );
    const received = (await frontend.evaluate(() => (window as unknown as { events: string[] }).events)).filter((e) =>
      e.startsWith('message new_message'),
    );
    expect(received).toEqual(expected);

    // The inspector shows each of them, marked.
    const inspector = await newPage(`${server.url}/`);
    await inspector.waitForSelector('body[data-ready="true"]', WAIT);
    await inspector.selectOption('#filter-verdict', 'fault');
    const rowsOf = (fault: string) => inspector.locator(`#traffic-list li.row[data-fault="${fault}"][data-user="12"]`);
    await expect.poll(() => rowsOf('dropped').count(), WAIT).toBe(dropped.size);
    expect(await rowsOf('duplicated').count()).toBe(duplicated.size);
    expect(await rowsOf('delayed').count()).toBe(delayed.size);
    expect(await rowsOf('dropped').first().locator('.preview-text').textContent()).toBe('dropped by degraded link #1');
    await expect.poll(() => inspector.locator('#faults-active .fault-link').count(), WAIT).toBe(1);
    expect(await inspector.locator('#faults').getAttribute('data-active')).toBe('1');
    await inspector.screenshot({ path: path.join(testOutputDir('faults'), 'degraded-link.png') });
  }, 60_000);
});
