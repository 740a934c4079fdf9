// Faults through the proxy, in front of the mock: what the client sees, and what the server behind
// it sees, of a disconnect, an outage, a stall and a degraded link.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { type TestClient, connect, settle, tokenOf, until } from '../mock/helpers.js';
import { call, faultOf, faultRecords, upgradeRefusal } from '../faults/control.js';

let mock: MockServer;
let proxy: ProxyServer;
const open: TestClient[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false });
  proxy = await startProxyServer({ upstream: mock.wsUrl, port: 0 });
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});
afterEach(async () => {
  proxy.faults.clear();
  await Promise.all(open.splice(0).map((c) => c.close()));
  await until(() => mock.stats().connections === 0);
});

/** A client of the mock through the proxy (the test helpers take the port from `server`). */
async function through(userId: number): Promise<TestClient> {
  const client = await connect({ ...mock, port: proxy.port } as MockServer, userId);
  open.push(client);
  return client;
}

describe('faults on the proxy', () => {
  it('a disconnect closes the client with 1012 and the connection upstream with 1001', async () => {
    const anna = await through(12);
    await through(23);
    const { json } = await call(proxy.url, 'POST', '/__mock/disconnect', { user: 12 });
    expect(json).toMatchObject({ ok: true, closed: ['c1'] });
    expect(await anna.closed).toEqual({ code: 1012, reason: 'Service restart' });
    await until(() => mock.stats().connections === 1);
    expect(proxy.connections().find((c) => c.id === 'c1')?.close).toEqual({
      code: 1012,
      reason: 'Service restart',
      by: 'proxy',
    });
  });

  it('an outage refuses upgrades at the proxy without asking the server', async () => {
    await call(proxy.url, 'POST', '/__mock/outage', { seconds: 30, status: 503 });
    const refused = await upgradeRefusal(proxy.wsUrl, { Authorization: `Bearer ${tokenOf(mock, 12)}` });
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toMatch(/^(30|29|28)$/);
    expect(mock.stats().connections).toBe(0);
    await call(proxy.url, 'DELETE', '/__mock/outage');
    await through(12);
  });

  it('a stall: the client gets no pong and no frame, then everything in order', async () => {
    const anna = await through(12);
    const james = await through(23);
    await settle(anna, james);
    const since = proxy.traffic.total;
    await call(proxy.url, 'POST', '/__mock/stall', { user: 12 });
    const pongs: string[] = [];
    anna.ws.on('pong', (data) => pongs.push(data.toString()));
    anna.ws.ping('are you there');
    james.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    await settle(james);
    await until(() => proxy.faults.active().counts.held >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pongs).toEqual([]);
    expect(anna.queue).toEqual([]);
    await call(proxy.url, 'DELETE', '/__mock/stall');
    const [a] = await settle(anna);
    expect(a).toMatchObject([{ type: 'user_typing', content: { user_id: 23 } }]);
    await until(() => pongs.length === 1);
    expect(pongs).toEqual(['are you there']);
    expect((await faultRecords(proxy.url, since)).map(faultOf)).toEqual(['stall', 'held', 'stall_end']);
  });

  it('a degraded link drops the server frames of one user; the traffic log shows the frame and its drop', async () => {
    const anna = await through(12);
    const james = await through(23);
    await settle(anna, james);
    const since = proxy.traffic.total;
    proxy.faults.degrade({ drop_rate: 1, direction: 'out', user: 23 });
    anna.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    await settle(anna);
    await until(() => proxy.faults.active().counts.dropped === 1);
    proxy.faults.clear();
    const [j] = await settle(james);
    expect(j).toEqual([]);
    const records = proxy.traffic.recent(100, since).filter((r) => r.user_id === 23 && r.type === 'user_typing');
    expect(records.map((r) => [r.source, (r.frame as { fault?: string } | null)?.fault ?? null])).toEqual([
      ['proxy', null],
      ['fault', 'dropped'],
    ]);
  });
});
