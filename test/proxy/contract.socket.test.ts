// Who broke the contract: a server behind the proxy that sends frames outside the spec (a renamed
// type, a missing field, an error without `type`) has each one marked invalid and put on the
// server, in /__mock/traffic and /__mock/connections, while the client gets every frame unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import type { TrafficRecord } from '../../mock-server/index.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import { until } from '../mock/helpers.js';
import { call } from '../faults/control.js';
import { type Upstream, openClient, startUpstream } from './upstream.js';

/** What the deliberately wrong server answers to any frame: three frames outside the spec, then a valid one. */
const WRONG = [
  '{"type":"new_msg","content":{"chat_type":"direct","chat_id":"12_23","message":{"id":1}}}',
  '{"type":"set_online","content":{}}',
  '{"error": "Something went wrong"}',
];
const RIGHT = '{"type":"set_offline","content":{"user_id":23}}';

let upstream: Upstream;
let proxy: ProxyServer;

afterEach(async () => {
  await proxy.close();
  await upstream.close();
});

async function setUp(): Promise<void> {
  upstream = await startUpstream({ onFrame: (ws) => [...WRONG, RIGHT].forEach((text) => ws.send(text)) });
  proxy = await startProxyServer({ upstream: upstream.url, port: 0 });
}

const token = signJwt({ user_id: 12, token_type: 'access' }, 'any secret');

describe('a server that breaks the contract', () => {
  it('has each frame outside the spec marked invalid and put on the server, while the client gets them unchanged', async () => {
    await setUp();
    const client = await openClient(proxy.wsUrl, ['Bearer', token]);
    client.ws.send('{"type":"set_online","content":{}}');
    await until(() => client.frames.length === 4);
    expect(client.frames.map((f) => f.data.toString())).toEqual([...WRONG, RIGHT]);

    const { json } = await call(proxy.url, 'GET', '/__mock/traffic');
    const out = (json.records as TrafficRecord[]).filter((r) => r.direction === 'out');
    expect(out.map((r) => [r.source, r.user_id, r.type, r.valid])).toEqual([
      ['proxy', 12, 'new_msg', false],
      ['proxy', 12, 'set_online', false],
      ['proxy', 12, null, false],
      ['proxy', 12, 'set_offline', true],
    ]);
    expect(out.map((r) => r.problems.map((p) => `${p.pointer} ${p.code}`))).toEqual([
      ['/type unknown_event_type'],
      ['/content/user_id missing_field'],
      ['/type missing_field'],
      [],
    ]);
    // An invalid frame is kept as its text, exactly as it came.
    expect(out.slice(0, 3).map((r) => r.frame)).toEqual(WRONG);

    const connections = (await call(proxy.url, 'GET', '/__mock/connections')).json as unknown as unknown[];
    expect(connections).toEqual([
      expect.objectContaining({
        user_id: 12,
        subprotocol: 'Bearer',
        frames: { in: 1, out: 4 },
        invalid: { in: 0, out: 3 },
        broke_contract: 'server',
        closed_at: null,
      }),
    ]);
    client.ws.close();
  });

  it('puts an invalid client frame on the client, and both on a connection where both broke it', async () => {
    await setUp();
    const client = await openClient(proxy.wsUrl, [], { Authorization: `Bearer ${token}` });
    client.ws.send('{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}');
    await until(() => client.frames.length === 4);
    const [record] = proxy.traffic.recent().filter((r) => r.direction === 'in');
    expect(record).toMatchObject({
      valid: false,
      problems: [{ pointer: '/content/chat_id', code: 'chat_id_order' }],
    });
    expect(proxy.connections()[0]).toMatchObject({ invalid: { in: 1, out: 3 }, broke_contract: 'both' });
    expect(proxy.stats().counts.invalid).toEqual({ in: 1, out: 3 });
    client.ws.close();
  });
});

describe('the control API of the proxy', () => {
  it.each([
    ['GET', '/__mock/state'],
    ['GET', '/__mock/users'],
    ['POST', '/__mock/act-as/12'],
    ['POST', '/__mock/emit'],
    ['POST', '/__mock/reset'],
  ] as const)('%s %s answers 501, naming the mode and what there is instead', async (method, path) => {
    upstream = await startUpstream();
    proxy = await startProxyServer({ upstream: upstream.url, port: 0 });
    const answer = await call(proxy.url, method, path, method === 'POST' ? {} : undefined);
    expect(answer.status).toBe(501);
    expect(answer.json).toEqual({
      ok: false,
      mode: 'proxy',
      error: `${method} ${path} is not available in proxy mode: the users, chats and messages are the upstream server's (${upstream.url}), and the proxy keeps no world of its own. Available: GET /__mock/traffic, /__mock/live, /__mock/connections, /healthz, and the faults (/__mock/faults, /__mock/disconnect, /__mock/outage, /__mock/stall).`,
    });
  });

  it('GET /healthz says it is the proxy, for which upstream and protocol version', async () => {
    upstream = await startUpstream();
    proxy = await startProxyServer({ upstream: upstream.url, port: 0 });
    const { json } = await call(proxy.url, 'GET', '/healthz');
    expect(json).toMatchObject({ ok: true, mode: 'proxy', upstream: upstream.url, protocol: '1', connections: 0 });
  });
});
