// The later frontend's way in a real browser: a page served by a dev server on another port of
// this machine loads the chat list and history from the mock (protocol 2) with fetch and an
// Authorization header — a CORS preflight, then the answer — and talks on /ws/chat/ with the
// ["Bearer", token] subprotocol. Chromium must let every call and frame through.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { validateServerEvent } from '../../protocol/v2/index.js';
import { collectPageErrors, launchChromium } from '../helpers/browser.js';
import { startTestServer, tokenOf } from '../mock/helpers.js';

let mock: MockServer;
let devServer: Server;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  mock = await startTestServer({ protocol: 2 });
  devServer = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>app</title>'),
  );
  await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  errors = collectPageErrors(page);
  await page.goto(`http://localhost:${(devServer.address() as AddressInfo).port}/`);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => devServer?.close(resolve));
  await mock?.close();
});

interface PageResult {
  directs: { status: number; ids: string[] };
  received: unknown[];
  history: { status: number; first: unknown };
}

describe('a page of another loopback origin, speaking protocol 2', () => {
  it('loads lists and history with Authorization, and sends and receives on /ws/chat/', async () => {
    const result = await page.evaluate(
      ({ api, ws, token }) =>
        new Promise<PageResult>((resolve, reject) => {
          const get = async (path: string) => {
            const response = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${token}` } });
            return { status: response.status, body: (await response.json()) as unknown };
          };
          void (async () => {
            const directs = await get('/chats/directs/');
            const socket = new WebSocket(`${ws}/ws/chat/`, ['Bearer', token]);
            const received: unknown[] = [];
            const timer = setTimeout(() => reject(new Error(`timed out; ${JSON.stringify(received)}`)), 10_000);
            socket.onerror = () => reject(new Error('the browser aborted the WebSocket'));
            socket.onopen = () =>
              socket.send(
                JSON.stringify({
                  type: 'new_message',
                  content: {
                    chat_type: 'direct',
                    chat_id: '12_23',
                    text: 'from the page',
                    reply_to: null,
                    file_urls: [],
                  },
                }),
              );
            socket.onmessage = async (event) => {
              const frame = JSON.parse(String(event.data)) as { type: string };
              received.push(frame);
              if (frame.type !== 'new_message') return;
              clearTimeout(timer);
              socket.close();
              const history = await get('/chats/directs/12_23/messages/?limit=1');
              resolve({
                directs: { status: directs.status, ids: (directs.body as { id: string }[]).map((c) => c.id) },
                received,
                history: { status: history.status, first: (history.body as { results: unknown[] }).results[0] },
              });
            };
          })().catch(reject);
        }),
      { api: mock.url, ws: mock.url.replace('http', 'ws'), token: tokenOf(mock, 12) },
    );
    expect(result.directs.status).toBe(200);
    expect(result.directs.ids).toContain('12_23');
    expect(result.received.map((f) => validateServerEvent(f).ok)).toEqual(result.received.map(() => true));
    const sent = result.received.find((f) => (f as { type: string }).type === 'new_message') as {
      content: { chat_id: string; message: { id: number; text: string } };
    };
    expect(sent.content).toMatchObject({ chat_id: '12_23', message: { text: 'from the page' } });
    expect(result.history).toMatchObject({
      status: 200,
      first: { id: sent.content.message.id, text: 'from the page' },
    });
    expect(errors).toEqual([]);
    expect(mock.stats()).toMatchObject({ outgoingViolations: 0, history: { violations: 0 } });
  });
});
