// The inspector page in headless Chromium against the mock speaking protocol 2: its act-as form
// offers edit_message and writes file_urls, checks frames against version 2 as you type, and the
// frames show in the traffic list as version 2 writes them. Any console or page error fails.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import { startTestServer, tokenOf } from '../mock/helpers.js';
import { LaterFrontend } from './later-frontend.js';

const SHOTS = testOutputDir('inspector-v2');
const WAIT = { timeout: 10_000 };

let browser: Browser;
let mock: MockServer;
let page: Page;
let errors: string[];
let anna: LaterFrontend;

beforeAll(async () => {
  mock = await startTestServer({ protocol: 2 });
  anna = new LaterFrontend(mock.url, 12, tokenOf(mock, 12));
  await anna.connect('subprotocol');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = collectPageErrors(page);
  await page.goto(`${mock.url}/`);
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  await page.waitForSelector('#live-status[data-status="live"]', WAIT);
}, 900_000);

afterAll(async () => {
  anna?.close();
  await browser?.close();
  await mock?.close();
});

describe('the inspector, protocol 2', () => {
  it('says where clients connect: /ws/chat/', async () => {
    expect(await page.locator('#ws-url').textContent()).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/chat\/\?token=ey/);
  });

  it('acts as James: a new message with a file, then an edit, reach Anna as version 2 writes them', async () => {
    await page.selectOption('#act-user', '23');
    await page.selectOption('#act-event', 'new_message');
    await page.selectOption('#act-chat', 'direct:12_23');
    await page.fill('#act-field-text', 'the plan');
    await page.check('#act-field-reply_to-null');
    await page.fill('#act-field-file_urls', '"not a list"');
    await page.locator('.field[data-field="file_urls"] .problem.from-client').waitFor(WAIT);
    await page.fill('#act-field-file_urls', '["https://x.test/plan.pdf"]');
    await page.click('#act-send');
    await page.locator('#act-result.ok', { hasText: 'Accepted.' }).waitFor(WAIT);
    const sent = await anna.next('new_message', (e) => e.content.message.text === 'the plan');
    expect(sent.content.message).toMatchObject({ author: { id: 23 }, files: [{ link: 'https://x.test/plan.pdf' }] });
    await page
      .locator('#traffic-list li.row[data-direction="out"][data-type="new_message"]', { hasText: 'the plan' })
      .waitFor(WAIT);

    await page.selectOption('#act-event', 'edit_message');
    await page.selectOption('#act-chat', 'direct:12_23');
    await page.fill('#act-field-message_id', String(sent.content.message.id));
    await page.fill('#act-field-text', 'the plan, v2');
    await page.click('#act-send');
    await page.locator('#act-result.ok', { hasText: 'Accepted.' }).waitFor(WAIT);
    const edited = await anna.next('edit_message');
    expect(edited.content.message).toMatchObject({
      id: sent.content.message.id,
      text: 'the plan, v2',
      is_edited: true,
    });
    const row = page.locator('#traffic-list li.row[data-direction="out"][data-type="edit_message"]', {
      hasText: 'edited: “the plan, v2”',
    });
    await row.waitFor(WAIT);
    expect(await row.locator('.badge').textContent()).toBe('valid');
    await page.screenshot({ path: path.join(SHOTS, 'act-as-edit.png') });
    expect(errors).toEqual([]);
    expect(anna.received.filter((r) => r.problems.length > 0)).toEqual([]);
  });
});
