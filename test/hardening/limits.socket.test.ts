// The gateway's limits over real sockets: frame size (1009), binary frames, invalid UTF-8 (1007),
// connection caps (429 / 503), rate limiting (rate_limited), allowed origins (403), the heartbeat,
// and slow readers (1013). Each refusal is clear to the client and logged.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_LIMITS, type MockServer } from '../../mock-server/index.js';
import { Clients, connect, refusedStatus, settle, startTestServer, tokenOf, until, wsUrlOf } from '../mock/helpers.js';
import { expectUsable, TYPING_IN_7, usePerTestServer, worldOf } from './helpers.js';
import { neverReads } from './raw-socket.js';

let server: MockServer | undefined;
let clients: Clients;

const { start, captureOutput } = usePerTestServer((s, c) => {
  server = s;
  clients = c;
});

const bearer = (s: MockServer, userId: number) => ({ headers: { Authorization: `Bearer ${tokenOf(s, userId)}` } });

describe('defaults', () => {
  it('are 64 KiB frames, 10000 sockets, 20 per user, no rate limit, loopback origins and hosts, 30 s heartbeat, 4 MiB unread', async () => {
    const s = await start();
    expect(DEFAULT_LIMITS).toEqual({
      maxPayload: 65_536,
      maxConnections: 10_000,
      maxConnectionsPerUser: 20,
      rateLimit: null,
      allowedOrigins: new Set(),
      allowedHosts: new Set(),
      heartbeatMs: 30_000,
      maxBufferedBytes: 4_194_304,
      maxSockets: DEFAULT_LIMITS.maxSockets,
      handshakeTimeoutMs: 10_000,
      pingLimit: { frames: 100, perMs: 10_000 },
      maxFragments: 1024,
    });
    expect(s.limits).toEqual(DEFAULT_LIMITS);
  });

  it('refuses impossible values when the server starts', async () => {
    await expect(startTestServer({ maxPayload: 0 })).rejects.toThrow('maxPayload must be an integer >= 1, got 0');
    await expect(startTestServer({ rateLimit: '5 per second' })).rejects.toThrow('a rate limit looks like 50/1s');
    await expect(startTestServer({ allowedOrigins: ['localhost:5173'] })).rejects.toThrow(
      'an allowed origin looks like https://app.example.com',
    );
  });
});

describe('frame size', () => {
  it('closes a frame over 64 KiB with 1009, logs it with the connection and user, and others see set_offline', async () => {
    const s = await start({ log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    anna.send('x'.repeat(64 * 1024 + 1));
    expect(await anna.closed).toMatchObject({ code: 1009 });
    expect(await james.next()).toEqual({ type: 'set_offline', content: { user_id: 12 } });
    expect(log.text()).toMatch(
      /WARN frame too large on conn c1 \(user 12\): the limit is 65536 bytes \(maxPayload\); closed with 1009/,
    );
    expect(s.stats().gateway.oversizedFrames).toBe(1);
  });

  it('accepts a frame of exactly the limit (answered, not closed), and the limit is configurable', async () => {
    const s = await start({ maxPayload: 2048 });
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    const frame = JSON.stringify({ type: 'set_online', content: { pad: '' } });
    anna.send(frame.replace('""', `"${'p'.repeat(2048 - frame.length)}"`));
    expect(await anna.next()).toMatchObject({ type: 'error', content: { code: 'invalid_event' } });
    await expectUsable(anna, [james]);
    anna.send('y'.repeat(2049));
    expect(await anna.closed).toMatchObject({ code: 1009 });
    expect(s.stats().gateway.oversizedFrames).toBe(1);
  });
});

describe('binary frames and encoding', () => {
  it('answers a binary frame with unsupported_data and keeps the socket', async () => {
    const s = await start();
    const anna = await clients.open(12);
    await clients.drain();
    const before = worldOf(s);
    anna.ws.send(Buffer.from([0x7b, 0x7d]));
    expect(await anna.next()).toEqual({
      type: 'error',
      error: 'Binary frames are not part of the protocol: send JSON text frames',
      content: {
        code: 'unsupported_data',
        message: 'Binary frames are not part of the protocol: send JSON text frames',
        event_type: null,
        problems: [],
      },
    });
    await expectUsable(anna);
    expect(worldOf(s)).toEqual(before);
  });

  it('closes a text frame that is not UTF-8 with 1007 (the WebSocket layer), logged', async () => {
    const s = await start({ log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    await clients.drain();
    anna.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect(await anna.closed).toMatchObject({ code: 1007 });
    expect(log.text()).toMatch(/WARN a text frame that is not UTF-8 on conn c1 \(user 12\); closed with 1007/);
    expect(s.stats().gateway.invalidUtf8Frames).toBe(1);
  });
});

describe('connection caps', () => {
  it('refuses a user’s connection over maxConnectionsPerUser with 429 and a reason, others unaffected', async () => {
    const s = await start({ maxConnectionsPerUser: 2, log: 'pretty' });
    const log = captureOutput();
    const first = await clients.open(12);
    await clients.open(12);
    const refused = await refusedStatus(wsUrlOf(s), bearer(s, 12));
    expect(refused).toEqual({
      status: 429,
      body: 'Too Many Requests: user 12 has 2 connections open, the limit per user: close one first\n',
    });
    expect(log.text()).toMatch(
      /refused {2}user 12 \(Анна\) {2}via header {2}token eyJhbG… {2}path \/ws\/chats\/ {2}HTTP 429/,
    );
    await clients.open(23);
    await first.close();
    await until(() => s.stats().connections === 2);
    await clients.open(12);
    expect(s.stats().gateway.refused[429]).toBe(1);
  });

  it('refuses any connection over maxConnections with 503 and a reason, until one closes', async () => {
    const s = await start({ maxConnections: 3 });
    const anna = await clients.open(12);
    await clients.open(23);
    await clients.open(27);
    const refused = await refusedStatus(wsUrlOf(s), bearer(s, 3));
    expect(refused).toEqual({
      status: 503,
      body: 'Service Unavailable: too many connections (3 open, the limit): try again later\n',
    });
    await anna.close();
    await until(() => s.stats().connections === 2);
    await clients.open(3);
    expect(s.stats().gateway.refused[503]).toBe(1);
  });
});

describe('rate limit', () => {
  it('is off by default: a burst of 300 frames is answered in full', async () => {
    const s = await start();
    const anna = await clients.open(12);
    await clients.drain();
    for (let i = 0; i < 300; i++) anna.send(TYPING_IN_7);
    const [frames] = await settle(anna);
    expect(frames).toHaveLength(300);
    expect(frames.every((f) => f.type === 'user_typing')).toBe(true);
    expect(s.stats().gateway.rateLimitedFrames).toBe(0);
  });

  it('answers frames over the limit with rate_limited before reading them, does not apply them, keeps the socket', async () => {
    const s = await start({ rateLimit: '2/60s' });
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const count = worldOf(s).messages.length;
    const message = (text: string) => ({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
    });
    for (const text of ['one', 'two', 'three']) anna.send(message(text));
    const text =
      'Too many frames: the limit is 2 frames per 60 s per connection; this frame was not applied, send it again later';
    expect(await anna.next((f) => f.type === 'error')).toEqual({
      type: 'error',
      error: text,
      // Not read, so the type is not known: the limit saves the parsing and the validation.
      content: { code: 'rate_limited', message: text, event_type: null, problems: [] },
    });
    expect(anna.ws.readyState).toBe(WebSocket.OPEN);
    expect(
      worldOf(s)
        .messages.map((m) => m.text)
        .slice(count),
    ).toEqual(['one', 'two']);
    await until(() => james.queue.filter((f) => f.type === 'new_message').length === 2);
    expect(s.stats().gateway.rateLimitedFrames).toBe(1);
    // James has his own allowance.
    james.send(message('from james'));
    const fromJames = await james.next((f) => f.type === 'new_message' && f.content.message.text === 'from james');
    expect(fromJames).toMatchObject({ content: { message: { author: { id: 23 } } } });
  });

  it('lets frames through again once the allowance refills', async () => {
    const s = await start({ rateLimit: { frames: 3, perMs: 3000 } });
    const anna = await clients.open(12);
    for (let i = 0; i < 5; i++) anna.send(TYPING_IN_7);
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await anna.next());
    expect(got.map((f) => (f.type === 'error' ? f.content.code : f.type))).toEqual([
      'user_typing',
      'user_typing',
      'user_typing',
      'rate_limited',
      'rate_limited',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    anna.send(TYPING_IN_7);
    expect(await anna.next()).toMatchObject({ type: 'user_typing' });
    expect(s.stats().gateway.rateLimitedFrames).toBe(2);
  });
});

describe('allowed origins', () => {
  const allowed = ['http://localhost:5173', 'https://app.example.com'];

  it.each([
    ['another site', 'http://evil.example'],
    ['another port of a listed site', 'https://app.example.com:8443'],
    ['a file page', 'null'],
    ['another site, by default', 'http://evil.example'],
  ])('refuses %s with 403 and names the flag that would allow it', async (name, origin) => {
    const s = await start(name.endsWith('by default') ? {} : { allowedOrigins: allowed });
    const refused = await refusedStatus(wsUrlOf(s), { headers: { ...bearer(s, 12).headers, Origin: origin } });
    expect(refused).toEqual({
      status: 403,
      body: `Forbidden: origin ${origin} is not allowed (allow it with --allowed-origin ${origin})\n`,
    });
    expect(s.stats().gateway.refused[403]).toBe(1);
  });

  it('accepts a listed origin (in any case, default port or not) and clients that send none', async () => {
    const s = await start({ allowedOrigins: allowed });
    for (const origin of ['http://localhost:5173', 'HTTPS://APP.EXAMPLE.COM:443', undefined]) {
      const headers = { ...bearer(s, 12).headers, ...(origin ? { Origin: origin } : {}) };
      const ws = new WebSocket(wsUrlOf(s), { headers });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.close();
    }
  });

  it('accepts, by default, the mock itself, loopback pages on any port, and clients that send no Origin', async () => {
    const s = await start();
    for (const origin of [s.url, 'http://localhost:5173', 'https://127.0.0.1:3000', undefined]) {
      const headers = { ...bearer(s, 12).headers, ...(origin ? { Origin: origin } : {}) };
      const ws = new WebSocket(wsUrlOf(s), { headers });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.close();
    }
  });

  it('accepts any origin with --allowed-origin *', async () => {
    const s = await start({ allowedOrigins: ['*'] });
    const ws = new WebSocket(wsUrlOf(s), { headers: { ...bearer(s, 12).headers, Origin: 'http://evil.example' } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  });
});

describe('heartbeat', () => {
  it('drops a socket that does not answer pings, logs it, and tells the others set_offline', async () => {
    const s = await start({ heartbeatMs: 200, log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    const dead = await neverReads(s.port, tokenOf(s, 23));
    expect(await anna.next()).toEqual({ type: 'set_online', content: { user_id: 23 } });
    expect(await anna.next(() => true, 3000)).toEqual({ type: 'set_offline', content: { user_id: 23 } });
    expect(s.stats()).toMatchObject({ connections: 1, gateway: { deadConnectionsDropped: 1 } });
    expect(worldOf(s).online).not.toContain(23);
    expect(log.text()).toMatch(/WARN no answer to a ping from conn c2 \(user 23\): connection dropped/);
    // A client that answers pings stays, several periods later.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await expectUsable(anna);
    dead.destroy();
  });
});

describe('slow readers', () => {
  it('drops a client that does not read once maxBufferedBytes are queued (1013), and the others keep receiving', async () => {
    const s = await start({ maxBufferedBytes: 256 * 1024, log: 'pretty' });
    const log = captureOutput();
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const slow = await neverReads(s.port, tokenOf(s, 23));
    await clients.drain();
    const text = 'z'.repeat(8000);
    let sent = 0;
    while (s.stats().gateway.slowClientsDropped === 0 && sent < 2000) {
      for (let i = 0; i < 50; i++, sent++) {
        anna.send({
          type: 'new_message',
          content: { chat_type: 'direct', chat_id: '12_23', message: `${sent} ${text}`, reply_to: null },
        });
      }
      await settle(anna);
    }
    expect(s.stats().gateway.slowClientsDropped).toBe(1);
    expect(log.text()).toMatch(
      /WARN dropping slow client conn c3 \(user 23\): \d+ bytes not yet sent, over the limit of 262144 \(maxBufferedBytes\); closing with 1013/,
    );
    // Anna keeps sending; James's reading socket gets every message, once.
    for (let i = 0; i < 20; i++, sent++) {
      anna.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: `${sent} after`, reply_to: null },
      });
    }
    await settle(anna);
    const [received] = await settle(james);
    const numbers = received.flatMap((f) =>
      f.type === 'new_message' ? [Number(f.content.message.text.split(' ')[0])] : [],
    );
    expect(numbers).toEqual(Array.from({ length: sent }, (_, i) => i));
    // The slow socket is gone within the close grace; the user is still online through James's other socket.
    await until(() => s.stats().connections === 2, 5000);
    expect(worldOf(s).online).toContain(23);
    slow.destroy();
  });
});
