// GET /__mock/live: the inspector's live channel (server-sent events) on a real mock server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import type { LiveHello } from '../../mock-server/traffic/live.js';
import type { TrafficRecord } from '../../mock-server/traffic/traffic.js';
import { Clients, startTestServer } from '../mock/helpers.js';
import { SseClient } from './sse.js';

let server: MockServer;
let clients: Clients;
const streams: SseClient[] = [];

const live = async (headers: Record<string, string> = {}, query = ''): Promise<SseClient> => {
  const stream = await SseClient.open(`${server.url}/__mock/live${query}`, headers);
  streams.push(stream);
  return stream;
};

const HELLO_MESSAGE = {
  type: 'new_message',
  content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
};

beforeEach(async () => {
  server = await startTestServer();
  clients = new Clients(server);
});

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await clients.closeAll();
  await server.close();
});

describe('GET /__mock/live', () => {
  it('answers as an event stream: hello, the recent frames oldest first (id = instance-seq), then a state ping', async () => {
    expect(server.actAs(12, { type: 'set_online', content: {} }).ok).toBe(true);
    expect(server.actAs(12, { type: 'user_typing', content: { chat_type: 'direct', chat_id: '23_12' } }).ok).toBe(
      false,
    );
    const stream = await live();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
    await stream.until(() => stream.data('state').length > 0);

    expect(stream.events.map((e) => e.event)).toEqual(['hello', 'traffic', 'traffic', 'state']);
    const [hello] = stream.data<LiveHello>('hello');
    expect(hello).toMatchObject({ total: 2, capacity: 1000, backlog: 2, reset: false });
    expect(hello?.instance).toMatch(/^[0-9a-f]{8}$/);
    const records = stream.data<TrafficRecord>('traffic');
    expect(records).toEqual(server.traffic.recent());
    const ids = stream.events.filter((e) => e.event === 'traffic').map((e) => e.id);
    expect(ids).toEqual([`${hello?.instance}-1`, `${hello?.instance}-2`]);
    expect(records[1]).toMatchObject({
      seq: 2,
      direction: 'in',
      user_id: 12,
      source: 'act-as',
      type: 'user_typing',
      valid: false,
    });
    expect(records[1]?.problems).toEqual([
      expect.objectContaining({ pointer: '/content/chat_id', code: 'chat_id_order' }),
    ]);
  });

  it('streams every frame in and out as it happens, then says the state changed', async () => {
    const stream = await live();
    await stream.until(() => stream.data('state').length === 1);
    const anna = await clients.open(12);
    const james = await clients.open(23);
    anna.send(HELLO_MESSAGE);
    await james.next((f) => f.type === 'new_message');
    await anna.next((f) => f.type === 'new_message');
    await stream.until(
      () => stream.data<TrafficRecord>('traffic').filter((r) => r.type === 'new_message').length === 3,
    );

    const messages = stream.data<TrafficRecord>('traffic').filter((r) => r.type === 'new_message');
    expect(messages.map((r) => [r.direction, r.user_id, r.valid])).toEqual([
      ['in', 12, true],
      ['out', 12, true],
      ['out', 23, true],
    ]);
    expect(messages[0]?.frame).toEqual(HELLO_MESSAGE);
    // The message changed the state: the page is told to read it again.
    await stream.until(() => stream.data('state').length >= 2, 3000, 'state ping after the message');
  });

  it('pings when someone connects without any frame being sent (nobody else is connected)', async () => {
    const stream = await live();
    await stream.until(() => stream.data('state').length === 1);
    await clients.open(31);
    await stream.until(() => stream.data('state').length === 2, 3000, 'state ping after a silent connection');
    expect(stream.data('traffic')).toEqual([]);
    expect(server.state().connections.map((c) => c.user_id)).toEqual([31]);
  });

  it('resumes after Last-Event-ID (or ?since=) with only the newer frames', async () => {
    for (let i = 0; i < 3; i++) server.actAs(12, { type: 'set_online', content: {} });
    const total = server.traffic.total;
    const first = await live();
    await first.until(() => first.data('state').length === 1);
    const instance = first.data<LiveHello>('hello')[0]?.instance;
    const resumed = await live({ 'Last-Event-ID': `${instance}-${total - 1}` });
    await resumed.until(() => resumed.data('state').length === 1);
    expect(resumed.data<LiveHello>('hello')[0]).toMatchObject({ instance, backlog: 1, reset: false, total });
    expect(resumed.data<TrafficRecord>('traffic').map((r) => r.seq)).toEqual([total]);

    const since = await live({}, `?since=${instance}-${total}`);
    await since.until(() => since.data('state').length === 1);
    expect(since.data('traffic')).toEqual([]);
  });

  it('tells a client resuming from another start of the mock to start over, with the whole backlog', async () => {
    server.actAs(12, { type: 'set_online', content: {} });
    for (const lastId of ['0badcafe-1', '5000']) {
      const stream = await live({ 'Last-Event-ID': lastId });
      await stream.until(() => stream.data('state').length === 1);
      expect(stream.data<LiveHello>('hello')[0]).toMatchObject({ reset: true, backlog: server.traffic.total });
      expect(stream.data<TrafficRecord>('traffic').map((r) => r.seq)).toEqual([1]);
    }
  });

  it('ends every open stream when the server closes', async () => {
    const stream = await live();
    await stream.until(() => stream.data('state').length === 1);
    await server.close();
    await stream.ended;
  });
});
