// The HTTP side: control API, health, spec, index; act-as and emit reach real sockets.
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, settle, useResetServer } from './helpers.js';

let server: MockServer;
let clients: Clients;
useResetServer((s, c) => {
  server = s;
  clients = c;
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined
      ? {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'Content-Type': 'application/json' },
        }
      : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, headers: res.headers };
}

describe('GET /__mock/users', () => {
  it('lists the users with a working token each, the bots flagged', async () => {
    const { status, json } = await call('GET', '/__mock/users');
    expect(status).toBe(200);
    expect(Array.isArray(json)).toBe(true);
    expect(json.map((u: { id: number }) => u.id)).toEqual([3, 5, 8, 9, 10, 12, 15, 23, 27, 31]);
    expect(json.find((u: { id: number }) => u.id === 12)).toMatchObject({
      first_name: 'Анна',
      last_name: 'Смирнова',
      avatar: null,
      bot: false,
    });
    expect(json.filter((u: { bot: boolean }) => u.bot).map((u: { id: number }) => u.id)).toEqual([5, 10, 15]);
    for (const user of json) {
      const payload = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({ token_type: 'access', user_id: user.id });
    }
  });
});

describe('POST /__mock/act-as/:userId', () => {
  it('processes the event as if the user sent it on a socket', async () => {
    const james = await clients.open(23);
    await clients.drain();
    const { status, json } = await call('POST', '/__mock/act-as/12', {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      deliveries: [
        { user_ids: [23], connections: 1, event: { type: 'new_message', content: { message: { id: 55 } } } },
      ],
    });
    const [j] = await settle(james);
    expect(j).toEqual([json.deliveries[0].event]);
  });

  it('answers 400 with the same error a socket would get', async () => {
    const anna = await clients.open(12);
    const frames = [
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '23_12', message: 'x', reply_to: null } },
      { type: 'nope', content: {} },
      { type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } },
    ];
    for (const frame of frames) anna.send(frame);
    const socketErrors = await anna.barrier();
    for (const [i, frame] of frames.entries()) {
      const { status, json } = await call('POST', '/__mock/act-as/12', frame);
      expect(status).toBe(400);
      const error = socketErrors[i];
      expect(json).toEqual({ ok: false, error, problems: error?.type === 'error' ? error.content.problems : null });
    }
    expect(socketErrors.map((e) => e.type === 'error' && e.content.code)).toEqual([
      'invalid_event',
      'unknown_event_type',
      'not_message_author',
    ]);
  });

  it('answers 400 invalid_json for a body that is not JSON, 404 for an unknown user', async () => {
    const bad = await call('POST', '/__mock/act-as/12', '{"type":');
    expect(bad.status).toBe(400);
    expect(bad.json.error.content.code).toBe('invalid_json');
    const unknown = await call('POST', '/__mock/act-as/999', { type: 'set_online', content: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.content).toMatchObject({ code: 'user_not_found', message: 'User 999 does not exist' });
  });
});

describe('POST /__mock/emit', () => {
  const event = { type: 'set_online', content: { user_id: 31 } };

  it('sends a spec-valid server event to one user, several, or everyone', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    const one = await call('POST', '/__mock/emit', { to: 12, event });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ ok: true, delivered: { event, user_ids: [12], connections: 1 } });
    expect(await settle(anna, james)).toEqual([[event], []]);
    const all = await call('POST', '/__mock/emit', { event });
    expect(all.json.delivered).toMatchObject({ connections: 2 });
    expect(await settle(anna, james)).toEqual([[event], [event]]);
    const some = await call('POST', '/__mock/emit', { to: [23, 3], event });
    expect(some.json.delivered).toMatchObject({ user_ids: [23], connections: 1 });
    expect(await settle(anna, james)).toEqual([[], [event]]);
  });

  it('refuses an invalid event with its problems, and a bad target', async () => {
    const invalid = await call('POST', '/__mock/emit', { to: 12, event: { type: 'set_online', content: {} } });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toEqual({
      ok: false,
      error: 'content.user_id is required',
      problems: [{ pointer: '/content/user_id', code: 'missing_field', message: 'content.user_id is required' }],
    });
    const target = await call('POST', '/__mock/emit', { to: 'someone', event });
    expect(target.status).toBe(400);
    const missing = await call('POST', '/__mock/emit', { to: 12 });
    expect(missing.status).toBe(400);
  });
});

describe('POST /__mock/reset, GET /__mock/state', () => {
  it('gives the fixture world back', async () => {
    await call('POST', '/__mock/act-as/12', {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_27', message: 'x', reply_to: null },
    });
    expect(server.state().messages).toHaveLength(55);
    const reset = await call('POST', '/__mock/reset');
    expect(reset.json).toEqual({ ok: true, seed: 42 });
    const { json: state } = await call('GET', '/__mock/state');
    expect(state.messages).toHaveLength(54);
    expect(state.chats.some((c: { chat_id: unknown }) => c.chat_id === '12_27')).toBe(false);
    expect(state.chats.find((c: { chat_id: unknown }) => c.chat_id === '12_23')).toMatchObject({
      chat_type: 'direct',
      member_ids: [12, 23],
      last_message_id: 54,
    });
    expect(state.chats.find((c: { chat_id: unknown }) => c.chat_id === 7)).toMatchObject({
      chat_type: 'project',
      member_ids: [12, 10, 15, 23, 27],
    });
    expect(state.outgoingViolations).toBe(0);
    expect(state.projects.map((p: { id: number }) => p.id)).toEqual([1, 7, 42]);
  });

  it('resets with another seed: another world, the same ids', async () => {
    const names = server.users.map((u) => u.first_name);
    const reset = await call('POST', '/__mock/reset', { seed: 7 });
    expect(reset.json).toEqual({ ok: true, seed: 7 });
    const { json } = await call('GET', '/__mock/users');
    expect(json.map((u: { id: number }) => u.id)).toEqual([3, 5, 8, 9, 10, 12, 15, 23, 27, 31]);
    expect(json.map((u: { first_name: string }) => u.first_name)).not.toEqual(names);
    await call('POST', '/__mock/reset', { seed: 42 });
    expect((await call('POST', '/__mock/reset', { seed: 'x' })).status).toBe(400);
  });

  it('lists connections and who is online', async () => {
    await clients.open(12, { way: 'query' });
    const { json } = await call('GET', '/__mock/state');
    expect(json.connections).toEqual([
      { id: expect.stringMatching(/^c\d+$/), user_id: 12, via: 'query', opened_at: expect.any(String) },
    ]);
    expect(json.online).toEqual([12]); // the simulated users are offline: the bots are off
  });
});

describe('GET /__mock/traffic', () => {
  it('shows recent frames in and out with their verdicts, oldest first, act-as and emit included', async () => {
    const anna = await clients.open(12);
    anna.send('not json');
    await anna.barrier();
    await call('POST', '/__mock/act-as/12', { type: 'set_offline', content: {} });
    await call('POST', '/__mock/emit', { to: 12, event: { type: 'set_online', content: { user_id: 12 } } });
    await anna.barrier();
    const { json } = await call('GET', '/__mock/traffic?limit=9');
    expect(json.order).toBe('oldest first');
    const records = json.records as {
      seq: number;
      direction: string;
      source: string;
      type: string | null;
      valid: boolean;
      user_id: number;
    }[];
    expect(records).toHaveLength(9); // 4 frames in, 5 out (two barriers among them)
    expect(records.map((r) => r.seq)).toEqual([...records.map((r) => r.seq)].sort((a, b) => a - b));
    expect(records.at(-1)?.seq).toBe(json.total);
    const notJson = records.find((r) => r.direction === 'in' && r.valid === false && r.type === null);
    expect(notJson).toMatchObject({
      source: 'socket',
      user_id: 12,
      frame: 'not json',
      preview: 'not json',
      problems: [],
    });
    expect(records.some((r) => r.source === 'act-as' && r.type === 'set_offline' && r.direction === 'in')).toBe(true);
    expect(records.some((r) => r.source === 'emit' && r.type === 'set_online' && r.direction === 'out')).toBe(true);
    const since = await call('GET', `/__mock/traffic?since=${json.total - 2}`);
    expect(since.json.records).toHaveLength(2);
  });
});

describe('health and spec', () => {
  it('GET /healthz', async () => {
    const { status, json, headers } = await call('GET', '/healthz');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      outgoingViolations: 0,
      connections: 0,
      gateway: { pingFloods: 0, fragmentFloods: 0 },
      sockets: { refused: 0, handshakeTimeouts: 0 },
      http: { refused: { 401: 0, 403: 0, 415: 0 } },
      live: { subscribers: 0, refused: 0, dropped: 0 },
      messages: { max: 2000, evicted: 0 },
    });
    // No wildcard CORS: a request without Origin gets no grant at all.
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the spec as YAML and JSON', async () => {
    const yaml = await call('GET', '/asyncapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
    expect(String(yaml.json)).toMatch(/^asyncapi: 3\.0\.0/);
    const json = await call('GET', '/asyncapi.json');
    expect(json.status).toBe(200);
    expect(json.json.asyncapi).toBe('3.0.0');
  });

  it('answers 404 for an unknown control endpoint', async () => {
    const { status, json } = await call('GET', '/__mock/nothing');
    expect(status).toBe(404);
    expect(json.ok).toBe(false);
  });
});
