// __proto__, constructor and prototype keys at several depths, on the socket, the control API and
// in a token: each refused, and no prototype anywhere in the process changes. The mock runs in
// this process, so a pollution would show here.
import { afterAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { DEFAULT_DEV_SECRET, signJwt } from '../../mock-server/gateway/jwt.js';
import { type TestClient, refusedStatus, wsUrlOf } from '../mock/helpers.js';
import { expectUsable, useAnnaAndJames, worldOf } from './helpers.js';

const PROTOTYPES = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
};

const describeAll = () =>
  Object.fromEntries(
    Object.entries(PROTOTYPES).map(([name, proto]) => [
      name,
      Object.getOwnPropertyNames(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]),
    ]),
  );

const PRISTINE = describeAll();

function expectUnpolluted(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(describeAll()).toEqual(PRISTINE);
}

let server: MockServer;
let anna: TestClient;
let james: TestClient;

useAnnaAndJames((s, _clients, a, j) => {
  server = s;
  anna = a;
  james = j;
});

afterAll(() => {
  expectUnpolluted();
});

const POISON = '{"polluted":"yes","toString":"no","hasOwnProperty":1}';
const message = (extra: string) =>
  `{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"hi","reply_to":null${extra}}}`;

describe('the probes', () => {
  it('see a pollution when there is one (the check is not vacuous)', () => {
    const naiveMerge = (target: Record<string, unknown>, source: Record<string, unknown>): void => {
      for (const key of Object.keys(source)) {
        const value = source[key];
        if (typeof value === 'object' && value !== null) {
          target[key] ??= {};
          naiveMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
        } else target[key] = value;
      }
    };
    naiveMerge({}, JSON.parse('{"__proto__":{"polluted":"yes"}}') as Record<string, unknown>);
    try {
      expect(() => expectUnpolluted()).toThrow();
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expectUnpolluted();
  });
});

describe('frames with prototype keys', () => {
  it.each([
    // depth 0: the envelope
    [
      '__proto__ in the envelope',
      `{"__proto__":${POISON},"type":"set_online","content":{}}`,
      'invalid_event',
      'set_online',
      [['/__proto__', 'unknown_field']],
    ],
    [
      'constructor.prototype in the envelope',
      `{"constructor":{"prototype":${POISON}},"type":"set_online","content":{}}`,
      'invalid_event',
      'set_online',
      [['/constructor', 'unknown_field']],
    ],
    [
      'prototype in the envelope',
      `{"prototype":${POISON},"type":"set_online","content":{}}`,
      'invalid_event',
      'set_online',
      [['/prototype', 'unknown_field']],
    ],
    [
      '__proto__ as the type',
      '{"type":"__proto__","content":{}}',
      'unknown_event_type',
      '__proto__',
      [['/type', 'unknown_event_type']],
    ],
    [
      'constructor as the type',
      '{"type":"constructor","content":{}}',
      'unknown_event_type',
      'constructor',
      [['/type', 'unknown_event_type']],
    ],
    [
      'hasOwnProperty as the type',
      '{"type":"hasOwnProperty","content":{}}',
      'unknown_event_type',
      'hasOwnProperty',
      [['/type', 'unknown_event_type']],
    ],
    [
      '__proto__ as the content',
      `{"type":"set_online","content":{"__proto__":${POISON}}}`,
      'invalid_event',
      'set_online',
      [['/content/__proto__', 'unknown_field']],
    ],
    // depth 1: the content
    [
      '__proto__ in the content',
      message(`,"__proto__":${POISON}`),
      'invalid_event',
      'new_message',
      [['/content/__proto__', 'unknown_field']],
    ],
    [
      'constructor in the content',
      message(`,"constructor":{"prototype":${POISON}}`),
      'invalid_event',
      'new_message',
      [['/content/constructor', 'unknown_field']],
    ],
    [
      '__proto__ as the chat type',
      '{"type":"user_typing","content":{"chat_type":"__proto__","chat_id":7}}',
      'invalid_event',
      'user_typing',
      [['/content/chat_type', 'invalid_value']],
    ],
    [
      'constructor as the chat type',
      '{"type":"user_typing","content":{"chat_type":"constructor","chat_id":"12_23"}}',
      'invalid_event',
      'user_typing',
      [['/content/chat_type', 'invalid_value']],
    ],
    [
      '__proto__ as a direct chat id',
      '{"type":"user_typing","content":{"chat_type":"direct","chat_id":"__proto__"}}',
      'invalid_event',
      'user_typing',
      [['/content/chat_id', 'invalid_format']],
    ],
    // depth 2 and more: inside a field
    [
      '__proto__ as reply_to',
      `{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"hi","reply_to":{"__proto__":${POISON}}}}`,
      'invalid_event',
      'new_message',
      [['/content/reply_to', 'wrong_type']],
    ],
    [
      '__proto__ as the message text',
      `{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":{"__proto__":${POISON}},"reply_to":null}}`,
      'invalid_event',
      'new_message',
      [['/content/message', 'wrong_type']],
    ],
    [
      '__proto__ three levels down',
      `{"type":"set_online","content":{"a":{"b":{"__proto__":${POISON},"constructor":{"prototype":${POISON}}}}}}`,
      'invalid_event',
      'set_online',
      [['/content/a', 'unknown_field']],
    ],
    [
      '__proto__ in an array',
      `{"type":"set_online","content":{"list":[{"__proto__":${POISON}}]}}`,
      'invalid_event',
      'set_online',
      [['/content/list', 'unknown_field']],
    ],
  ])('%s: refused, nothing polluted', async (_name, text, code, eventType, problems) => {
    const before = worldOf(server);
    anna.send(text);
    expect(await anna.next()).toMatchObject({
      type: 'error',
      content: {
        code,
        event_type: eventType,
        problems: problems.map(([pointer, problem]) => ({ pointer, code: problem })),
      },
    });
    await expectUsable(anna, [james]);
    expect(worldOf(server)).toEqual(before);
    expectUnpolluted();
  });

  it('"__proto__" and "constructor" as message texts are just texts', async () => {
    for (const text of ['__proto__', 'constructor', 'prototype']) {
      anna.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
      });
      for (const c of [anna, james]) expect(await c.next()).toMatchObject({ content: { message: { text } } });
    }
    expect(
      worldOf(server)
        .messages.slice(-3)
        .map((m) => m.text),
    ).toEqual(['__proto__', 'constructor', 'prototype']);
    expectUnpolluted();
  });
});

describe('the other ways in', () => {
  it('the control API refuses the same frames as act-as', async () => {
    const before = worldOf(server);
    for (const body of [
      `{"__proto__":${POISON},"type":"set_online","content":{}}`,
      message(`,"constructor":{"prototype":${POISON}}`),
      `{"type":"set_online","content":{"a":{"__proto__":${POISON}}}}`,
    ]) {
      const res = await fetch(`${server.url}/__mock/act-as/12`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        ok: false,
        error: { type: 'error', content: { code: 'invalid_event' } },
      });
    }
    const res = await fetch(`${server.url}/__mock/emit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"to":"all","event":{"type":"set_online","content":{"user_id":12,"__proto__":${POISON}}}}`,
    });
    expect(res.status).toBe(400);
    expect(worldOf(server)).toEqual(before);
    expectUnpolluted();
  });

  it('a token whose claims hide user_id under __proto__ is refused with 403', async () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    const header = b64('{"alg":"none","typ":"JWT"}');
    const forged = `${header}.${b64('{"__proto__":{"user_id":12}}')}.x`;
    const refused = await refusedStatus(wsUrlOf(server), { headers: { Authorization: `Bearer ${forged}` } });
    expect(refused).toEqual({ status: 403, body: 'Forbidden: the JWT has no numeric user_id claim\n' });
    const viaConstructor = signJwt({ constructor: { prototype: { user_id: 12 } } }, DEFAULT_DEV_SECRET);
    expect((await refusedStatus(`${wsUrlOf(server)}?token=${viaConstructor}`)).status).toBe(403);
    for (const token of ['__proto__', 'constructor', 'toString']) {
      expect((await refusedStatus(`${wsUrlOf(server)}?token=${token}&__proto__[polluted]=yes`)).status).toBe(403);
    }
    expectUnpolluted();
  });
});
