// What a hostile client can make the mock hold or do, bounded: problem lists, the traffic log in
// bytes, the message store, live-stream subscribers, sockets that never speak, ping floods and
// fragment floods. Small caps here; the attacks at full size are in test/stress/attacks.test.ts
// and `npm run attacks`.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { MockServer } from '../../mock-server/index.js';
import { MAX_KEPT_TEXT } from '../../mock-server/traffic/traffic.js';
import { type Clients, tokenOf, until, wsUrlOf } from '../mock/helpers.js';
import { SseClient } from '../inspector/sse.js';
import { usePerTestServer } from './helpers.js';
import { upgradeRequest } from './raw-socket.js';

let clients: Clients;
const { start, captureOutput } = usePerTestServer((_server, c) => (clients = c));

const wideContent = (keys: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));

const newMessage = (text: string) => ({
  type: 'new_message',
  content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
});

const healthz = async (server: MockServer) => (await fetch(`${server.url}/healthz`)).json() as Promise<MockHealth>;
type MockHealth = ReturnType<MockServer['stats']> & { ok: boolean };

describe('a frame with thousands of problems', () => {
  it('is answered with 20 of them and a count, and recorded the same way', async () => {
    const server = await start();
    const anna = await clients.open(12);
    anna.send({ type: 'new_message', content: wideContent(4000) });
    const answer = await anna.next();
    expect(answer).toMatchObject({
      type: 'error',
      content: { code: 'invalid_event', event_type: 'new_message', problems_omitted: 4004 - 20 },
    });
    if (answer.type !== 'error') return;
    expect(answer.content.problems).toHaveLength(20);
    expect(JSON.stringify(answer).length).toBeLessThan(4096);
    const record = server.traffic.recent().find((r) => r.direction === 'in');
    expect(record).toMatchObject({ valid: false, problems_omitted: 4004 - 20 });
    expect(record?.problems).toHaveLength(20);
    // The frame is kept as the first part of its text.
    expect(record?.truncated).toBe(true);
    expect(typeof record?.frame === 'string' && record.frame.length).toBe(MAX_KEPT_TEXT);
  });

  it('through the control API too, with application/json', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/__mock/act-as/12`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'new_message', content: wideContent(4000) }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: unknown[]; error: { content: { problems_omitted: number } } };
    expect(body.problems).toHaveLength(20);
    expect(body.error.content.problems_omitted).toBe(4004 - 20);
  });

  it('a control API body over the frame limit (and 1 KiB) gets 413, unread', async () => {
    const server = await start({ maxPayload: 4096 });
    const res = await fetch(`${server.url}/__mock/act-as/12`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'new_message', content: wideContent(1000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      ok: false,
      error: "The body is larger than 5120 bytes (a frame's limit, --max-payload, and 1 KiB)",
    });
    expect(server.traffic.total).toBe(0);
  });
});

describe('the traffic log', () => {
  it('stays within its byte budget, dropping the oldest records', async () => {
    const server = await start({ trafficBytes: 256 * 1024 });
    const anna = await clients.open(12);
    const big = 'x'.repeat(30_000);
    for (let i = 0; i < 40; i++) anna.send(`{"type":"new_message","content":{"junk":"${big}${i}"}}`);
    await until(() => anna.queue.filter((f) => f.type === 'error').length === 40);
    const { traffic } = server.stats();
    expect(traffic.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(traffic.dropped).toBeGreaterThan(0);
    expect(server.traffic.total).toBe(traffic.kept + traffic.dropped);
  });

  it('answers GET /__mock/traffic with 1000 records at most', async () => {
    const server = await start({ trafficCapacity: 5000 });
    for (let i = 0; i < 1200; i++) server.actAs(12, { type: 'set_online', content: {} });
    const res = await fetch(`${server.url}/__mock/traffic?limit=5000`);
    const body = (await res.json()) as { total: number; kept: number; records: { seq: number }[] };
    expect(body.records).toHaveLength(1000);
    expect(body.records.at(-1)?.seq).toBe(body.total);
    expect(body.kept).toBeGreaterThan(1000);
  });
});

describe('the message store', () => {
  it('keeps the newest --max-messages, evicts the oldest with a log line, and never grows past it', async () => {
    const server = await start({ maxMessages: 60, log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    const oldest = server.state().messages[0]?.id ?? 0;
    for (let i = 0; i < 20; i++) anna.send(newMessage(`m${i}`));
    await until(() => anna.queue.filter((f) => f.type === 'new_message').length === 20);
    const { messages } = server.state();
    expect(messages).toHaveLength(60);
    expect(messages.at(-1)?.text).toBe('m19');
    expect(server.stats().messages).toEqual({ kept: 60, max: 60, evicted: 54 + 20 - 60 });
    expect(log.text()).toMatch(
      /WARN message store full: it keeps the newest 60 messages \(--max-messages\); the oldest are evicted from now on/,
    );
    // An evicted message is gone for everyone.
    anna.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: oldest } });
    expect(await anna.next((f) => f.type === 'error')).toMatchObject({ content: { code: 'message_not_found' } });
  });

  it('pages GET /__mock/state on request, keeping its shape', async () => {
    const server = await start();
    const all = server.state().messages;
    const res = await fetch(`${server.url}/__mock/state?limit=10`);
    const page = (await res.json()) as ReturnType<MockServer['state']> & {
      messages_page: { total: number; next_before: number | null };
    };
    expect(page.messages.map((m) => m.id)).toEqual(all.slice(-10).map((m) => m.id));
    expect(page.messages_page).toEqual({ limit: 10, before: null, total: all.length, next_before: all.at(-10)?.id });
    expect(page.users).toHaveLength(10);
    const older = (await (
      await fetch(`${server.url}/__mock/state?limit=10&before=${page.messages_page.next_before}`)
    ).json()) as {
      messages: { id: number }[];
    };
    expect(older.messages.map((m) => m.id)).toEqual(all.slice(-20, -10).map((m) => m.id));
  });
});

describe('the live stream', () => {
  it('refuses subscribers over --max-live-clients with 503, and says so in /healthz', async () => {
    const server = await start({ maxLiveClients: 2 });
    const streams = [
      await SseClient.open(`${server.url}/__mock/live`),
      await SseClient.open(`${server.url}/__mock/live`),
    ];
    const third = await SseClient.open(`${server.url}/__mock/live`);
    expect(third.status).toBe(503);
    await third.ended;
    expect((await healthz(server)).live).toEqual({ subscribers: 2, refused: 1, dropped: 0 });
    for (const s of streams) s.close();
  });
});

describe('sockets', () => {
  it('closes a connection that never sends a byte after --handshake-timeout, and counts it', async () => {
    const server = await start({ handshakeTimeoutMs: 150 });
    const socket = net.connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    await closed;
    expect(server.stats().sockets.handshakeTimeouts).toBe(1);
  });

  it('closes a connection that trickles its headers too', async () => {
    const server = await start({ handshakeTimeoutMs: 150 });
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(server.stats().sockets.handshakeTimeouts).toBe(1);
  });

  it('answers a socket over --max-sockets with 503 at once, and serves again once one closes', async () => {
    const server = await start({ maxSockets: 16, handshakeTimeoutMs: 0 });
    const idle: net.Socket[] = [];
    for (let i = 0; i < 16; i++) {
      const s = net.connect(server.port, '127.0.0.1');
      await new Promise((resolve) => s.once('connect', resolve));
      idle.push(s);
    }
    await until(() => server.stats().sockets.open === 16);
    const over = net.connect(server.port, '127.0.0.1');
    let reply = '';
    over.on('data', (chunk) => (reply += chunk.toString()));
    over.write(upgradeRequest(server.port, tokenOf(server, 12)));
    await new Promise((resolve) => over.once('close', resolve));
    expect(reply).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(reply).toContain('too many open sockets (--max-sockets)');
    expect(server.stats().sockets.refused).toBe(1);
    idle.pop()?.destroy();
    await until(() => server.stats().sockets.open === 15);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    for (const s of idle) s.destroy();
  });

  it('closes a ping flood with 1008, logs and counts it', async () => {
    const server = await start({ pingLimit: '5/10s', log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    for (let i = 0; i < 10; i++) anna.ws.ping();
    expect(await anna.closed).toMatchObject({ code: 1008, reason: 'Too many pings' });
    expect(server.stats().gateway.pingFloods).toBe(1);
    expect(log.text()).toMatch(
      /WARN ping flood on conn c1 \(user 12\): more than 5 pings per 10 s \(--ping-limit\); closed with 1008/,
    );
  });

  it('closes a message sent in more than --max-fragments fragments with 1008, logs and counts it', async () => {
    const server = await start({ maxFragments: 8, log: 'pretty' });
    const log = captureOutput();
    const ws = new WebSocket(wsUrlOf(server), { headers: { Authorization: `Bearer ${tokenOf(server, 12)}` } });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < 20; i++) ws.send('{', { fin: false });
    expect(await closed).toBe(1008);
    expect(server.stats().gateway.fragmentFloods).toBe(1);
    expect(log.text()).toMatch(
      /WARN a message in more than 8 fragments on conn c1 \(user 12\) \(--max-fragments\); closed with 1008/,
    );
    expect((await healthz(server)).gateway).toMatchObject({ fragmentFloods: 1 });
  });
});

describe('ids beyond 2^53', () => {
  it('are named as written, not rounded', async () => {
    await start();
    const anna = await clients.open(12);
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_9007199254740993' } });
    expect(await anna.next()).toMatchObject({
      type: 'error',
      content: { code: 'user_not_found', message: 'User 9007199254740993 does not exist' },
    });
  });
});
