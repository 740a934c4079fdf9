// Faults on the mock, end to end over its control API and real sockets: what a client sees of a
// disconnect, an outage, a degraded link and a stall, and what the traffic log says of each.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, connect, settle, startTestServer, until } from '../mock/helpers.js';
import { call, faultOf, faultRecords, faultsOf, upgradeRefusal } from './control.js';

let server: MockServer;
let clients: Clients;
/** The traffic log's last seq before the test: its records are the ones after. */
let since = 0;

beforeAll(async () => {
  server = await startTestServer({ heartbeatMs: 200 });
});
afterAll(async () => {
  expect(server.stats().outgoingViolations).toBe(0);
  await server.close();
});
beforeEach(async () => {
  await server.reset();
  clients = new Clients(server);
  since = server.traffic.total;
});
afterEach(async () => {
  server.faults.clear();
  await clients.closeAll();
});

const TYPING_7 = { type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } };
const typingBy = (userId: number) => ({
  type: 'user_typing',
  content: { chat_type: 'project', chat_id: 7, user_id: userId, end_time: expect.any(String) },
});

describe('POST /__mock/disconnect', () => {
  it('closes every connection with 1012 "Service restart" by default, and says which', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const answer = await call(server.url, 'POST', '/__mock/disconnect');
    expect(answer).toEqual({
      status: 200,
      json: {
        ok: true,
        user: null,
        code: 1012,
        reason: 'Service restart',
        closed: [expect.any(String), expect.any(String)],
      },
    });
    expect(await anna.closed).toEqual({ code: 1012, reason: 'Service restart' });
    expect(await james.closed).toEqual({ code: 1012, reason: 'Service restart' });
    const [record] = await faultRecords(server.url, since);
    expect(record).toMatchObject({
      source: 'fault',
      type: null,
      frame: { fault: 'disconnect', user: null, code: 1012, reason: 'Service restart' },
      note: 'disconnect: closed 2 connections (everyone\'s) with 1012 "Service restart"',
    });
  });

  it("closes only the user's connections, with the code and reason given", async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    await call(server.url, 'POST', '/__mock/disconnect', { user: 23, code: 4000, reason: 'go away' });
    expect(await james.closed).toEqual({ code: 4000, reason: 'go away' });
    const [a] = await settle(anna);
    expect(a).toEqual([{ type: 'set_offline', content: { user_id: 23 } }]);
  });

  it('refuses a close code no close frame may carry, with every problem', async () => {
    expect(await call(server.url, 'POST', '/__mock/disconnect', { code: 1006, colour: 'red' })).toEqual({
      status: 400,
      json: {
        ok: false,
        error: expect.any(String),
        errors: [
          'unknown field "colour": the fields are user, code, reason',
          'code must be a close code a server may send (1000-1003, 1007-1014, 3000-4999), got 1006',
        ],
      },
    });
  });
});

describe('POST /__mock/outage', () => {
  it('closes every socket with 1012, refuses upgrades with 503 and Retry-After, until DELETE ends it', async () => {
    const anna = await clients.open(12);
    const answer = await call(server.url, 'POST', '/__mock/outage', { seconds: 60 });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ ok: true, outage: { status: 503, seconds_left: expect.any(Number) } });
    expect(await anna.closed).toEqual({ code: 1012, reason: 'Service restart' });
    const refused = await upgradeRefusal(server.wsUrl);
    expect(refused).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^(60|59|58)$/),
      body: expect.stringMatching(
        /^Service unavailable: an outage \(a fault, POST \/__mock\/outage\): back in \d+ s\n$/,
      ),
      headers: expect.objectContaining({ 'content-type': 'text/plain; charset=utf-8' }),
    });
    expect((await faultsOf(server.url)).outage).toMatchObject({ status: 503 });
    expect(await call(server.url, 'DELETE', '/__mock/outage')).toEqual({
      status: 200,
      json: { ok: true, ended: true },
    });
    const back = await clients.open(12);
    expect(back.ws.readyState).toBe(back.ws.OPEN);
    expect((await faultRecords(server.url, since)).map(faultOf)).toEqual(['outage', 'outage_end']);
  });

  it('ends by itself, with the status asked for meanwhile', async () => {
    await call(server.url, 'POST', '/__mock/outage', { seconds: 0.3, status: 502 });
    expect((await upgradeRefusal(server.wsUrl)).status).toBe(502);
    await until(() => server.faults.active().outage === null, 5000);
    await clients.open(12);
    expect((await faultRecords(server.url, since)).at(-1)?.note).toMatch(
      /^outage over after [\d.]+ s: upgrades are accepted again$/,
    );
  });
});

describe('POST /__mock/faults: degraded links', () => {
  it("drops a user's frames out, at once on an open connection, each drop recorded", async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    const { json } = await call(server.url, 'POST', '/__mock/faults', { drop_rate: 1, user: 23, direction: 'out' });
    expect(json).toEqual({
      ok: true,
      link: {
        id: 1,
        latency_ms: 0,
        jitter_ms: 0,
        drop_rate: 1,
        duplicate_rate: 0,
        user: 23,
        direction: 'out',
        seed: 42,
        since: expect.any(String),
      },
    });
    anna.send(TYPING_7);
    const [a] = await settle(anna);
    expect(a).toEqual([typingBy(12)]);
    await until(() => server.faults.active().counts.dropped === 1);
    expect((await call(server.url, 'DELETE', '/__mock/faults/1')).json).toEqual({ ok: true, removed: 1 });
    const [j] = await settle(james);
    expect(j).toEqual([]); // the dropped frame never comes
    const dropped = (await faultRecords(server.url, since)).filter((r) => faultOf(r) === 'dropped');
    expect(dropped).toMatchObject([
      {
        direction: 'out',
        user_id: 23,
        type: 'user_typing',
        note: 'dropped by degraded link #1',
        frame: { links: [1] },
      },
    ]);
  });

  it('duplicates frames: the same frame twice', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    await call(server.url, 'POST', '/__mock/faults', { duplicate_rate: 1, user: 12, direction: 'out' });
    james.send(TYPING_7);
    const [j] = await settle(james);
    expect(j).toEqual([typingBy(23)]);
    server.faults.clear();
    const [a] = await settle(anna);
    expect(a).toEqual([typingBy(23), typingBy(23)]);
    expect(a[0]).toEqual(a[1]);
  });

  it('delays frames and keeps their order', async () => {
    const anna = await clients.open(12);
    await clients.drain();
    await call(server.url, 'POST', '/__mock/faults', { latency_ms: 40, jitter_ms: 40, direction: 'out' });
    const texts = Array.from({ length: 8 }, (_, i) => `message ${i}`);
    for (const message of texts)
      anna.send({ type: 'new_message', content: { chat_type: 'project', chat_id: 7, message, reply_to: null } });
    const [a] = await settle(anna);
    expect(a.map((f) => (f.type === 'new_message' ? f.content.message.text : f.type))).toEqual(texts);
    const delayed = (await faultRecords(server.url, since)).filter((r) => faultOf(r) === 'delayed');
    expect(delayed.length).toBeGreaterThanOrEqual(texts.length);
  });

  it("drops a client's frames in: the mock never sees them", async () => {
    const anna = await clients.open(12);
    await clients.drain();
    const before = server.state().messages.length;
    await call(server.url, 'POST', '/__mock/faults', { drop_rate: 1, direction: 'in', user: 12 });
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'lost', reply_to: null },
    });
    await until(() => server.faults.active().counts.dropped === 1);
    expect(server.state().messages.length).toBe(before);
    expect((await call(server.url, 'DELETE', '/__mock/faults')).json).toEqual({
      ok: true,
      cleared: { links: 1, stall: false, outage: false },
    });
    const [a] = await settle(anna);
    expect(a).toEqual([]);
    expect((await faultRecords(server.url, since)).find((r) => faultOf(r) === 'dropped')).toMatchObject({
      direction: 'in',
      user_id: 12,
      type: 'new_message',
    });
  });

  it('lists what is in force, and refuses a link that changes nothing', async () => {
    await call(server.url, 'POST', '/__mock/faults', { latency_ms: 100, user: 12 });
    expect(await faultsOf(server.url)).toEqual({
      links: [expect.objectContaining({ id: expect.any(Number), latency_ms: 100, user: 12, direction: null })],
      outage: null,
      stall: null,
      counts: expect.any(Object),
    });
    expect(await call(server.url, 'POST', '/__mock/faults', {})).toEqual({
      status: 400,
      json: {
        ok: false,
        error: 'the link changes nothing: give latency_ms, jitter_ms, drop_rate or duplicate_rate',
        errors: ['the link changes nothing: give latency_ms, jitter_ms, drop_rate or duplicate_rate'],
      },
    });
    expect((await call(server.url, 'DELETE', '/__mock/faults/99')).status).toBe(404);
  });
});

describe('POST /__mock/stall', () => {
  it('answers no ping and delivers no frame while the TCP connection stays open; then all of it, in order', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    const { json } = await call(server.url, 'POST', '/__mock/stall', { user: 12 });
    expect(json).toMatchObject({ ok: true, stall: { user: 12, until: null }, stalled: [expect.any(String)] });
    let stalled = true;
    const pongs: boolean[] = [];
    anna.ws.on('pong', () => pongs.push(stalled));
    anna.ws.ping();
    james.send(TYPING_7);
    james.send({ ...TYPING_7, content: { chat_type: 'direct', chat_id: '12_23' } });
    const [j] = await settle(james);
    expect(j).toEqual([typingBy(23)]);
    // Several of the mock's heartbeats (200 ms) go by: a stalled connection is left alone.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(pongs).toEqual([]);
    expect(anna.queue).toEqual([]);
    expect(anna.ws.readyState).toBe(anna.ws.OPEN);
    stalled = false;
    expect((await call(server.url, 'DELETE', '/__mock/stall')).json).toEqual({ ok: true, ended: true });
    const [a] = await settle(anna);
    expect(a).toEqual([
      typingBy(23),
      {
        type: 'user_typing',
        content: { chat_type: 'direct', chat_id: '12_23', user_id: 23, end_time: expect.any(String) },
      },
    ]);
    await until(() => pongs.length === 1);
    expect(pongs).toEqual([false]);
    expect((await faultRecords(server.url, since)).map(faultOf)).toEqual(['stall', 'held', 'held', 'stall_end']);
  });
});

describe('faults from code', () => {
  it('mock.faults takes the same arguments and refuses wrong ones with a RangeError', async () => {
    const anna = await connect(server, 12);
    expect(server.faults.disconnect({ user: 12 })).toHaveLength(1);
    expect(await anna.closed).toEqual({ code: 1012, reason: 'Service restart' });
    expect(() => server.faults.degrade({ drop_rate: 3 })).toThrow(
      new RangeError('degraded link: drop_rate must be a number from 0 to 1, got 3'),
    );
    await until(() => server.stats().connections === 0);
  });
});
