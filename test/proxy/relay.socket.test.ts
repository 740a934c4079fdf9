// The proxy between a client and a server of the test's own: the handshake goes upstream as the
// client made it and the answer comes back; frames, pings and closes go through unchanged both
// ways; a client that does not read slows the server down instead of filling the proxy.
import { afterEach, describe, expect, it } from 'vitest';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { refusedStatus, until } from '../mock/helpers.js';
import { upgradeRefusal } from '../faults/control.js';
import { type Upstream, type UpstreamOptions, openClient, startUpstream } from './upstream.js';

let upstream: Upstream | null = null;
let proxy: ProxyServer | null = null;

afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = upstream = null;
});

async function setUp(options: UpstreamOptions = {}, upstreamSuffix = '') {
  upstream = await startUpstream(options);
  proxy = await startProxyServer({ upstream: `${upstream.url}${upstreamSuffix}`, port: 0 });
  return { upstream, proxy };
}

describe('the handshake', () => {
  it('goes upstream as the client made it: path suffix, both queries, headers, subprotocols; the choice comes back', async () => {
    const { upstream, proxy } = await setUp({ protocol: () => 'Bearer' }, '?v=2');
    const client = await openClient(
      `ws://127.0.0.1:${proxy.port}/ws/chats/rooms/7/?token=abc&x=1`,
      ['Bearer', 'tok.en'],
      { Authorization: 'Bearer header-token', Origin: 'http://localhost:5173', Cookie: 'session=s1', 'X-Trace': 't-1' },
    );
    expect(client.ws.protocol).toBe('Bearer');
    const [request] = upstream.requests;
    expect(request?.url).toBe('/ws/chat/rooms/7/?v=2&token=abc&x=1');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer header-token',
      origin: 'http://localhost:5173',
      cookie: 'session=s1',
      'x-trace': 't-1',
      'sec-websocket-protocol': 'Bearer,tok.en',
      host: new URL(upstream.url).host,
    });
    client.ws.close();
    await client.closed;
  });

  it('passes a refusal back with its status, headers and body', async () => {
    const { upstream, proxy } = await setUp({
      refuse: () => ({ status: 401, body: 'no such token\n', headers: { 'WWW-Authenticate': 'Bearer realm="chats"' } }),
    });
    const refused = await upgradeRefusal(proxy.wsUrl, { Authorization: 'Bearer nope' });
    expect(refused).toMatchObject({ status: 401, body: 'no such token\n' });
    expect(refused.headers).toMatchObject({ 'www-authenticate': 'Bearer realm="chats"', 'content-type': 'text/plain' });
    expect(upstream.requests).toHaveLength(1);
    expect(proxy.stats().counts.upstreamRefused).toEqual({ 401: 1 });
  });

  it('answers 502 when the upstream cannot be reached, naming it (not its query)', async () => {
    upstream = await startUpstream();
    const url = upstream.url;
    await upstream.close();
    upstream = null;
    proxy = await startProxyServer({ upstream: `${url}?secret=1`, port: 0 });
    const refused = await refusedStatus(proxy.wsUrl);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatch(
      new RegExp(`^Bad Gateway: the upstream ${url.replace(/[/.]/g, '\\$&')} could not be reached: .*ECONNREFUSED`),
    );
    expect(refused.body).not.toContain('secret');
  });

  it('applies the policy itself first: another path is 404, a foreign page 403, and the upstream never hears of them', async () => {
    const { upstream, proxy } = await setUp();
    expect(await refusedStatus(`ws://127.0.0.1:${proxy.port}/ws/other/`)).toEqual({
      status: 404,
      body: 'Not Found: no WebSocket endpoint at /ws/other/: use /ws/chats/\n',
    });
    const foreign = await refusedStatus(proxy.wsUrl, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('origin https://evil.example is not allowed');
    expect(upstream.requests).toEqual([]);
  });
});

describe('frames', () => {
  it('go both ways unchanged and in order, text as text and binary as binary', async () => {
    const { upstream, proxy } = await setUp({
      onFrame: (ws, frame) => ws.send(frame.data, { binary: frame.isBinary }),
    });
    const client = await openClient(proxy.wsUrl);
    const sent = [
      '{ "type" : "set_online",   "content":{} }',
      '{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"привет 👋","reply_to":null}}',
      'not json at all',
      ...Array.from({ length: 100 }, (_, i) => JSON.stringify({ type: 'set_offline', content: {}, n: i })),
    ];
    for (const text of sent) client.ws.send(text);
    client.ws.send(Buffer.from([0, 1, 2, 255]));
    await until(() => client.frames.length === sent.length + 1, 5000);
    const received = upstream.sockets[0]?.frames ?? [];
    expect(received.map((f) => f.data.toString())).toEqual([...sent, Buffer.from([0, 1, 2, 255]).toString()]);
    expect(received.map((f) => f.isBinary)).toEqual([...sent.map(() => false), true]);
    expect(client.frames.map((f) => f.data)).toEqual(received.map((f) => f.data));
    expect(client.frames.at(-1)?.isBinary).toBe(true);
    const records = proxy.traffic.recent();
    expect(records.every((r) => r.source === 'proxy')).toBe(true);
    expect(records.filter((r) => r.direction === 'in')).toHaveLength(sent.length + 1);
    expect(records.find((r) => r.preview === 'not json at all')).toMatchObject({
      valid: false,
      note: expect.stringMatching(/^not JSON: /),
    });
    expect(records.at(-1)).toMatchObject({
      direction: 'out',
      valid: false,
      note: 'a binary frame: the protocol has JSON text frames only',
    });
    client.ws.close();
  });

  it('a client frame over --max-payload closes the client with 1009, and the upstream hears 1009', async () => {
    upstream = await startUpstream();
    proxy = await startProxyServer({ upstream: upstream.url, port: 0, maxPayload: 1024 });
    const client = await openClient(proxy.wsUrl);
    client.ws.send('x'.repeat(2000));
    expect((await client.closed).code).toBe(1009);
    expect((await upstream.sockets[0]?.closed)?.code).toBe(1009);
    expect(proxy.stats().counts.oversizedFrames).toBe(1);
  });
});

describe('pings and closes', () => {
  it("a client's ping reaches the server and its pong comes back; a server's ping reaches the client", async () => {
    const { upstream, proxy } = await setUp();
    const client = await openClient(proxy.wsUrl);
    const server = upstream.sockets[0]?.ws;
    const serverPings: string[] = [];
    server?.on('ping', (data) => serverPings.push(data.toString()));
    const pong = new Promise<string>((resolve) => client.ws.once('pong', (data) => resolve(data.toString())));
    client.ws.ping('from the client');
    expect(await pong).toBe('from the client');
    expect(serverPings).toEqual(['from the client']);
    const ping = new Promise<string>((resolve) => client.ws.once('ping', (data) => resolve(data.toString())));
    const serverPong = new Promise<string>((resolve) => server?.once('pong', (data) => resolve(data.toString())));
    server?.ping('from the server');
    expect(await ping).toBe('from the server');
    expect(await serverPong).toBe('from the server');
    client.ws.close();
  });

  it.each([
    ['the server closes with 4001 "bye"', 'server', 4001, 'bye', { code: 4001, reason: 'bye' }],
    ['the client closes with 4002 "later"', 'client', 4002, 'later', { code: 4002, reason: 'later' }],
    ['the client closes with no code', 'client', undefined, undefined, { code: 1005, reason: '' }],
    ['the server closes with 1000', 'server', 1000, '', { code: 1000, reason: '' }],
  ] as const)('%s: the other side sees the same', async (_name, side, code, reason, expected) => {
    const { upstream, proxy } = await setUp();
    const client = await openClient(proxy.wsUrl);
    const server = upstream.sockets[0];
    if (side === 'server') server?.ws.close(code, reason);
    else client.ws.close(code, reason);
    const other = side === 'server' ? client.closed : server?.closed;
    expect(await other).toEqual(expected);
    await until(() => proxy.connections()[0]?.closed_at !== null);
    expect(proxy.connections()[0]?.close).toEqual({ ...expected, by: side });
  });

  it('a server that vanishes (1006) leaves the client with an abnormal close too', async () => {
    const { upstream, proxy } = await setUp();
    const client = await openClient(proxy.wsUrl);
    upstream.sockets[0]?.ws.terminate();
    expect((await client.closed).code).toBe(1006);
  });
});

/** Waits until `read()` gives the same value three times 100 ms apart (at most 20 s). */
async function steady(read: () => number): Promise<void> {
  let last = read();
  let same = 0;
  for (let i = 0; i < 200 && same < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

describe('back-pressure', () => {
  it('a client that does not read stops the proxy reading the server; nothing is lost when it reads again', async () => {
    const { upstream, proxy } = await setUp();
    const client = await openClient(proxy.wsUrl);
    const server = upstream.sockets[0]?.ws;
    if (!server) throw new Error('no upstream socket');
    client.ws.pause();
    const frame = Buffer.alloc(64 * 1024, 'a');
    const count = 1000; // 64 MiB: more than the kernel's buffers on the way can hold
    for (let i = 0; i < count; i++) server.send(frame, { binary: false });
    // The proxy reads the server only while the client takes what it relays: it stops short of
    // the backlog, which stays with the server (kernel buffers on the way hold a part of it).
    await steady(() => proxy.stats().counts.frames.out);
    const relayed = proxy.stats().counts.frames.out;
    expect(relayed).toBeLessThan(count);
    expect(server.bufferedAmount).toBeGreaterThan(0);
    client.ws.resume();
    await until(() => client.frames.length === count, 30_000);
    expect(client.frames.every((f) => f.data.length === frame.length)).toBe(true);
    expect(server.bufferedAmount).toBe(0);
    expect(proxy.stats().counts.frames.out).toBe(count);
  }, 60_000);
});
