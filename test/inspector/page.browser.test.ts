// The inspector page in headless Chromium against a real mock: frames appear live with their
// verdicts, "act as" sends as another user, filters and pause work. Screenshots go to
// test-output/inspector/. Any console error or page error fails the test.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateClientEvent } from '../../protocol/index.js';
import type { MockServer } from '../../mock-server/index.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import { Clients, startTestServer } from '../mock/helpers.js';

const SHOTS = testOutputDir('inspector');
const WAIT = { timeout: 10_000 };

let browser: Browser;
let server: MockServer;
let clients: Clients;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  server = await startTestServer();
  clients = new Clients(server);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = collectPageErrors(page);
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  await page.waitForSelector('#live-status[data-status="live"]', WAIT);
});

afterEach(async () => {
  await page?.close();
  await clients.closeAll();
  await server.close();
  expect(errors).toEqual([]);
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SHOTS, name) });

/** The traffic row of a frame: direction, type, and a text it shows. */
const row = (direction: 'in' | 'out', type: string, text: string, user?: number) =>
  page.locator(
    `#traffic-list li.row[data-direction="${direction}"][data-type="${type}"]${user === undefined ? '' : `[data-user="${user}"]`}`,
    { hasText: text },
  );

const rows = () => page.locator('#traffic-list li.row');

/** Reads attributes of every traffic row (no functions sent to the page: tsx's helpers do not exist there). */
const rowAttributes = (name: string): Promise<(string | null)[]> =>
  page
    .locator('#traffic-list li.row')
    .evaluateAll((items, attribute) => items.map((item) => item.getAttribute(attribute)), name);

const style = (element: ReturnType<Page['locator']>, property: 'color' | 'backgroundColor'): Promise<string> =>
  element.evaluate((el, name) => getComputedStyle(el)[name], property);

/** The text of an element without its children elements' text (a problem without its code chip). */
const ownText = (element: ReturnType<Page['locator']>): Promise<string> =>
  element.evaluate((el) =>
    Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join(''),
  );

const unique = (label: string): string => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe('the inspector page', () => {
  it('shows a valid frame from a connected client with a green "valid" badge, its text, and its deliveries', async () => {
    const anna = await clients.open(12, { way: 'query' });
    const james = await clients.open(23);
    const text = unique('hello world');
    const frame = {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: 54 },
    };
    anna.send(frame);
    await james.next((f) => f.type === 'new_message');

    const incoming = row('in', 'new_message', text, 12);
    await incoming.waitFor(WAIT);
    const badge = incoming.locator('.badge');
    expect(await badge.textContent()).toBe('valid');
    expect(await style(badge, 'color')).toBe('rgb(26, 127, 55)');
    expect(await style(badge, 'backgroundColor')).toBe('rgb(218, 251, 225)');
    expect(await incoming.locator('.cell-user').textContent()).toBe('Анна С.');
    expect(await incoming.locator('.preview-text').textContent()).toBe(`12_23 · “${text}”`);
    await row('out', 'new_message', text, 12).waitFor(WAIT);
    await row('out', 'new_message', text, 23).waitFor(WAIT);

    // Newest first: the deliveries sit above the frame that caused them.
    const seqs = (await rowAttributes('data-seq')).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    // The state: both are connected, and the chat has the message.
    await page.locator('#people li[data-user="12"][data-status="connected"]').waitFor(WAIT);
    await page.locator('#people li[data-user="23"][data-status="connected"]').waitFor(WAIT);
    const chat = page.locator('#chats details[data-chat="direct:12_23"]');
    await chat.locator('.chat-last', { hasText: text }).waitFor(WAIT);
    await chat.locator('summary').click();
    await chat.locator('.message .message-text', { hasText: text }).waitFor(WAIT);

    // Expanding the row shows the frame as formatted JSON.
    await incoming.locator('.row-head').click();
    const json = incoming.locator('pre.json');
    await json.waitFor(WAIT);
    expect(JSON.parse((await json.textContent()) ?? '')).toEqual(frame);
    await shot('valid-frame.png');
  });

  it("marks an invalid frame red, with the validator's problem, and shows the error frame that answered it", async () => {
    const anna = await clients.open(12);
    const frame = {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '23_12', message: 'wrong order', reply_to: null },
    };
    const verdict = validateClientEvent(frame);
    if (verdict.ok) throw new Error('the frame was meant to be invalid');
    const problem = verdict.problems[0];
    if (!problem) throw new Error('no problem');
    anna.send(frame);
    const answer = await anna.next((f) => f.type === 'error');

    const incoming = page.locator(
      '#traffic-list li.row[data-direction="in"][data-verdict="invalid"][data-type="new_message"]',
    );
    await incoming.waitFor(WAIT);
    const badge = incoming.locator('.badge');
    expect(await badge.textContent()).toBe('invalid');
    expect(await style(badge, 'color')).toBe('rgb(207, 34, 46)');
    expect(await incoming.locator('.problem-line').textContent()).toBe(problem.message);
    expect(answer.type === 'error' && answer.content.problems[0]?.message).toBe(problem.message);

    // The error frame the mock answered with is in the list too, its problem as the preview.
    const error = row('out', 'error', problem.message, 12);
    await error.waitFor(WAIT);
    expect(await error.locator('.badge').textContent()).toBe('valid');

    await incoming.locator('.row-head').click();
    const listed = incoming.locator('.problems li');
    await listed.first().waitFor(WAIT);
    expect(await listed.first().textContent()).toBe(`${problem.pointer} ${problem.code} ${problem.message}`);

    // Text that is not JSON: marked invalid too.
    anna.send('{"type": "new_message",');
    await anna.next((f) => f.type === 'error' && f.content.code === 'invalid_json');
    const notJson = page.locator('#traffic-list li.row[data-direction="in"][data-verdict="invalid"]', {
      hasText: '{"type": "new_message",',
    });
    await notJson.waitFor(WAIT);
    expect(await notJson.locator('.problem-line').textContent()).toMatch(/^The frame is not valid JSON: /);
    await shot('invalid-frame.png');
  });

  it('acts as another user: the message reaches the connected client and shows in the list', async () => {
    const anna = await clients.open(12);
    const text = unique('Привет from the inspector');
    await page.selectOption('#act-user', '23');
    await page.selectOption('#act-event', 'new_message');
    await page.selectOption('#act-chat', 'direct:12_23');
    // Prefilled from the spec's example (reply_to 54 is a message of 12_23).
    expect(await page.inputValue('#act-field-chat_id')).toBe('12_23');
    expect(await page.locator('.example-note').textContent()).toContain('protocolDocumentExample');
    await page.fill('#act-field-message', text);
    await page.check('#act-field-reply_to-null');
    await page.click('#act-send');

    const received = await anna.next((f) => f.type === 'new_message');
    expect(received.type === 'new_message' && received.content.message).toMatchObject({
      text,
      reply_to: null,
      author: { id: 23 },
    });
    await page.locator('#act-result.ok', { hasText: 'Accepted.' }).waitFor(WAIT);
    expect(await page.locator('#act-result').textContent()).toContain('Delivered to 1 connection');

    const incoming = row('in', 'new_message', text, 23);
    await incoming.waitFor(WAIT);
    expect(await incoming.locator('.source').textContent()).toBe('act-as');
    expect(await incoming.locator('.badge').textContent()).toBe('valid');
    const delivered = row('out', 'new_message', text, 12);
    await delivered.waitFor(WAIT);
    expect(await delivered.locator('.badge').textContent()).toBe('valid');
    await shot('act-as.png');
  });

  it("shows the validator's problems next to the act-as fields: as you type, and the mock's after sending", async () => {
    await page.selectOption('#act-user', '12');
    await page.selectOption('#act-event', 'new_message');
    await page.selectOption('#act-chat', 'direct:12_23');
    await page.fill('#act-field-chat_id', '23_12');
    await page.fill('#act-field-message', '   ');
    const frame = {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '23_12', message: '   ', reply_to: 54 },
    };
    const verdict = validateClientEvent(frame);
    if (verdict.ok) throw new Error('the frame was meant to be invalid');
    const byField = (name: string) => verdict.problems.find((p) => p.pointer === `/content/${name}`)?.message;

    const chatIdProblem = page.locator('.field[data-field="chat_id"] .problem');
    await chatIdProblem.first().waitFor(WAIT);
    expect(await chatIdProblem.first().getAttribute('class')).toContain('from-client');
    await page.click('#act-send');

    await page.locator('#act-result.refused').waitFor(WAIT);
    expect(await page.locator('#act-result').textContent()).toContain('HTTP 400, invalid_event');
    const serverChatId = page.locator('.field[data-field="chat_id"] .problem.from-server');
    await serverChatId.waitFor(WAIT);
    expect(await ownText(serverChatId)).toBe(byField('chat_id'));
    const serverMessage = page.locator('.field[data-field="message"] .problem.from-server');
    expect(await ownText(serverMessage)).toBe(byField('message'));
    expect(await page.locator('.field[data-field="chat_id"]').getAttribute('class')).toContain('has-problem');
    // The refused frame is in the traffic, invalid.
    await page
      .locator('#traffic-list li.row[data-direction="in"][data-verdict="invalid"][data-user="12"]')
      .waitFor(WAIT);
    await shot('act-as-problems.png');
    // Chromium logs every HTTP error response; this refusal was the point of the test.
    expect(errors.splice(0)).toEqual([
      'console.error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });

  it('filters by user, type, direction and verdict', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    anna.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '23_12', message_id: 1 } });
    await james.next((f) => f.type === 'error');
    await anna.next((f) => f.type === 'user_typing');
    await page.locator('#traffic-list li.row[data-type="error"]').waitFor(WAIT);
    const all = await rows().count();

    await page.selectOption('#filter-user', '23');
    expect(new Set(await rowAttributes('data-user'))).toEqual(new Set(['23']));
    await page.selectOption('#filter-user', '');

    await page.selectOption('#filter-type', 'error');
    expect(await rowAttributes('data-type')).toEqual(['error']);
    await page.selectOption('#filter-type', '');

    await page.selectOption('#filter-verdict', 'invalid');
    expect(await rowAttributes('data-type')).toEqual(['message_read']);
    expect(await page.locator('#traffic-list li.row .problem-line').textContent()).toContain('23_12');
    await page.selectOption('#filter-verdict', 'valid');
    expect(new Set(await rowAttributes('data-verdict'))).toEqual(new Set(['valid']));
    await page.selectOption('#filter-verdict', '');

    await page.selectOption('#filter-direction', 'in');
    expect(new Set(await rowAttributes('data-direction'))).toEqual(new Set(['in']));
    await page.selectOption('#filter-user', '12');
    await page.selectOption('#filter-type', 'message_read');
    expect(await rows().count()).toBe(0);
    await page.locator('#traffic-empty .when-filtered').waitFor({ state: 'visible', ...WAIT });

    for (const id of ['#filter-user', '#filter-type', '#filter-direction']) await page.selectOption(id, '');
    expect(await rows().count()).toBe(all);
  });

  it('pauses: new frames wait behind the Resume button, and appear on resume', async () => {
    const anna = await clients.open(12);
    anna.send({ type: 'set_online', content: {} });
    await page.locator('#traffic-list li.row[data-type="set_online"]').first().waitFor(WAIT);
    const before = await rows().count();

    await page.click('#traffic-pause');
    expect(await page.getAttribute('#traffic-pause', 'aria-pressed')).toBe('true');
    const text = unique('while paused');
    const james = await clients.open(23);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
    });
    await james.next((f) => f.type === 'new_message');
    // in + two deliveries (+ the presence frame of James's arrival): counted, not shown.
    await page.locator('#traffic-pause', { hasText: /Resume \((\d+) new\)/ }).waitFor(WAIT);
    await page.waitForFunction(
      `/Resume \\(([4-9]|\\d\\d+) new\\)/.test(document.getElementById('traffic-pause').textContent)`,
      undefined,
      WAIT,
    );
    expect(await rows().count()).toBe(before);
    expect(await row('in', 'new_message', text).count()).toBe(0);
    await shot('paused.png');

    await page.click('#traffic-pause');
    expect(await page.getAttribute('#traffic-pause', 'aria-pressed')).toBe('false');
    expect(await page.textContent('#traffic-pause')).toBe('Pause');
    await row('in', 'new_message', text).waitFor(WAIT);
    expect(await rows().count()).toBeGreaterThanOrEqual(before + 4);
  });

  it('links to the docs and the spec, and shows traffic at a glance (the overview screenshot)', async () => {
    const hrefs = await page
      .locator('header .links a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['/docs/', '/asyncapi.yaml', '/asyncapi.json', '/__mock/users']);
    for (const href of ['/asyncapi.yaml', '/asyncapi.json'])
      expect((await fetch(`${server.url}${href}`)).status).toBe(200);

    // A short conversation, an invalid frame and an act-as message: what a person sees first.
    const anna = await clients.open(12);
    const james = await clients.open(23);
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'Привет! Созвон в 15:00?', reply_to: null },
    });
    await james.next((f) => f.type === 'new_message');
    james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    james.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'Sure, see you then', reply_to: 54 },
    });
    await anna.next((f) => f.type === 'new_message');
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '23_12', message: 'oops', reply_to: null },
    });
    await anna.next((f) => f.type === 'error');
    expect(
      server.actAs(27, {
        type: 'new_message',
        content: { chat_type: 'project', chat_id: 7, message: 'Agenda is in the doc', reply_to: null },
      }).ok,
    ).toBe(true);
    await row('in', 'new_message', 'Agenda is in the doc', 27).waitFor(WAIT);
    await page.locator('#traffic-list li.row[data-verdict="invalid"]').first().locator('.row-head').click();
    // Let the "new row" highlight fade.
    await page.waitForTimeout(1700);
    await shot('overview.png');
  });
});
