// A real browser cannot set headers on a WebSocket: it connects with the token as a subprotocol
// (and must get `Bearer` selected back, or it aborts) or as ?token=. Both, in headless Chromium,
// from a page of another origin, sending the protocol document's example frame.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateServerEvent } from '../../protocol/index.js';
import type { MockServer } from '../../mock-server/index.js';
import { collectPageErrors, launchChromium } from '../helpers/browser.js';
import { startTestServer } from './helpers.js';

let server: MockServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  page = await browser.newPage();
  errors = collectPageErrors(page);
  await page.goto(`${server.url}/healthz`);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  expect(server.stats().outgoingViolations).toBe(0);
  await server.close();
});

interface BrowserResult {
  protocol: string;
  frames: unknown[];
}

/** Opens a WebSocket in the page, sends the document's example as user 12, and collects frames until new_message. */
function connectAndSend(url: string, protocols: string[] | null): Promise<BrowserResult> {
  return page.evaluate(
    ({ url, protocols }) =>
      new Promise<BrowserResult>((resolve, reject) => {
        const ws = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
        const frames: unknown[] = [];
        const timer = setTimeout(() => reject(new Error(`timed out; frames: ${JSON.stringify(frames)}`)), 10_000);
        ws.onerror = () => reject(new Error('the browser aborted the WebSocket'));
        ws.onopen = () =>
          ws.send(
            JSON.stringify({
              type: 'new_message',
              content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
            }),
          );
        ws.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string };
          frames.push(frame);
          if (frame.type === 'new_message' || frame.type === 'error') {
            clearTimeout(timer);
            const protocol = ws.protocol;
            ws.close();
            resolve({ protocol, frames });
          }
        };
      }),
    { url, protocols },
  );
}

describe('a browser client', () => {
  const token = () => server.users.find((u) => u.id === 12)?.token ?? '';

  it('connects with new WebSocket(url, ["Bearer", token]) and gets Bearer selected', async () => {
    const result = await connectAndSend(server.wsUrl, ['Bearer', token()]);
    expect(result.protocol).toBe('Bearer');
    const last = result.frames.at(-1) as {
      type: string;
      content: { chat_id: string; message: { text: string; reply_to: number; author: { id: number } } };
    };
    expect(validateServerEvent(last).ok).toBe(true);
    expect(last.type).toBe('new_message');
    expect(last.content.chat_id).toBe('12_23');
    expect(last.content.message).toMatchObject({ text: 'hello world', reply_to: 54, author: { id: 12 } });
    expect(errors).toEqual([]);
  });

  it('connects with ?token= on the alias path /ws/chat/', async () => {
    const result = await connectAndSend(`${server.wsUrl.replace('/ws/chats/', '/ws/chat/')}?token=${token()}`, null);
    expect(result.protocol).toBe('');
    expect((result.frames.at(-1) as { type: string }).type).toBe('new_message');
  });

  it('is refused without a token: the browser reports an aborted handshake', async () => {
    await expect(connectAndSend(server.wsUrl, null)).rejects.toThrow(/aborted/);
  });
});
