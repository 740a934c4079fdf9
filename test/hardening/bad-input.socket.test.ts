// The bad-input matrix over one long-lived socket: every odd frame gets the error event it should,
// nothing reaches anyone else, the world does not change, and a valid event right after works.
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import type { ServerEvent } from '../../protocol/index.js';
import type { TestClient } from '../mock/helpers.js';
import { expectUsable, useAnnaAndJames, worldOf } from './helpers.js';

let server: MockServer;
let anna: TestClient; // user 12, who sends every frame
let james: TestClient; // user 23, a member of every chat Anna uses here, who must receive nothing

useAnnaAndJames((s, _clients, a, j) => {
  server = s;
  anna = a;
  james = j;
});

type Expected = {
  code: string;
  eventType: string | null;
  /** [pointer, problem code] of each problem, in order. */
  problems?: [string, string][];
  /** The exact message, when it matters. */
  message?: string;
};

/** Sends `frame` as Anna; checks the one answer, that James got nothing, the world, and that the socket works. */
async function refused(frame: string | object, expected: Expected): Promise<ServerEvent> {
  const before = worldOf(server);
  anna.send(frame);
  const answer = await anna.next();
  expect(answer).toEqual({
    type: 'error',
    error: expected.message ?? expect.any(String),
    content: {
      code: expected.code,
      message: expected.message ?? expect.any(String),
      event_type: expected.eventType,
      problems: (expected.problems ?? []).map(([pointer, code]) => ({ pointer, code, message: expect.any(String) })),
    },
  });
  if (answer.type === 'error') expect(answer.error).toBe(answer.content.message);
  await expectUsable(anna, [james]);
  expect(worldOf(server)).toEqual(before);
  return answer;
}

const NOT_OBJECT: Expected = { code: 'invalid_event', eventType: null, problems: [['', 'not_an_object']] };

describe('frames that are not events', () => {
  it.each([
    ['cut short', '{"type": "new_message", "content": {'],
    ['single quotes', "{'type': 'set_online', 'content': {}}"],
    ['a trailing comma', '{"type":"set_online","content":{},}'],
    ['plain text', 'hello'],
    ['an empty frame', ''],
    ['a NaN', '{"type":"new_message","content":{"chat_type":"project","chat_id":NaN}}'],
  ])('invalid JSON (%s): invalid_json', async (_name, text) => {
    const answer = await refused(text, { code: 'invalid_json', eventType: null });
    expect(answer.type === 'error' && answer.content.message).toMatch(/^The frame is not valid JSON: /);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['a number', '42'],
    ['a boolean', 'true'],
    ['an array holding an event', '[{"type":"set_online","content":{}}]'],
  ])('JSON that is not an object (%s): invalid_event, not_an_object', async (_name, text) => {
    await refused(text, {
      ...NOT_OBJECT,
      message: 'A frame must be a JSON object: {"type": "<event type>", "content": {...}}',
    });
  });

  it.each([
    ['missing', '{"content":{}}', 'missing_field'],
    ['missing (empty object)', '{}', 'missing_field'],
    ['null', '{"type":null,"content":{}}', 'wrong_type'],
    ['a number', '{"type":42,"content":{}}', 'wrong_type'],
    ['an array', '{"type":["set_online"],"content":{}}', 'wrong_type'],
  ])('type %s: invalid_event', async (_name, text, problem) => {
    await refused(text, { code: 'invalid_event', eventType: null, problems: [['/type', problem]] });
  });

  it.each([
    ['edit_message', 'no editing yet'],
    ['', 'empty'],
    ['NEW_MESSAGE', 'wrong case'],
    ['error', 'a server event'],
    ['set_online\u200b', 'a zero-width space'],
    ['__proto__', 'a prototype key'],
  ])('unknown type %j (%s): unknown_event_type', async (type, _why) => {
    await refused(
      { type, content: {} },
      { code: 'unknown_event_type', eventType: type, problems: [['/type', 'unknown_event_type']] },
    );
  });

  it.each(['set_online', 'set_offline', 'new_message', 'user_typing', 'message_read', 'delete_message'])(
    '%s without content: invalid_event, missing_field',
    async (type) => {
      await refused({ type }, { code: 'invalid_event', eventType: type, problems: [['/content', 'missing_field']] });
    },
  );

  it.each(
    ['set_online', 'new_message', 'user_typing', 'message_read', 'delete_message'].flatMap((type) =>
      [null, [], 'x', 42, true].map((content) => [type, content] as const),
    ),
  )('%s with content %j: invalid_event, wrong_type', async (type, content) => {
    await refused(
      { type, content },
      { code: 'invalid_event', eventType: type, problems: [['/content', 'wrong_type']] },
    );
  });

  it('a field the envelope does not have: unknown_field', async () => {
    await refused(
      { type: 'set_online', content: {}, user_id: 23 },
      { code: 'invalid_event', eventType: 'set_online', problems: [['/user_id', 'unknown_field']] },
    );
  });
});

// Each field of each chat event, in each chat type: missing, null, of the wrong type, out of range.
const MISSING = Symbol('missing');
const FIELD_CASES: Record<string, [label: string, value: unknown, problem: string][]> = {
  chat_type: [
    ['missing', MISSING, 'missing_field'],
    ['null', null, 'invalid_value'],
    ['a number', 42, 'invalid_value'],
    ['not a chat type', 'group', 'invalid_value'],
    ['in upper case', 'DIRECT', 'invalid_value'],
  ],
  'chat_id (direct)': [
    ['missing', MISSING, 'missing_field'],
    ['null', null, 'wrong_type'],
    ['a number', 1223, 'wrong_type'],
    ['larger id first', '23_12', 'chat_id_order'],
    ['the same id twice', '12_12', 'chat_id_order'],
    ['with a dash', '12-23', 'invalid_format'],
    ['with a zero id', '0_5', 'invalid_format'],
    ['with a leading zero', '012_23', 'invalid_format'],
    ['in Arabic-Indic digits', '١٢_٢٣', 'invalid_format'],
    ['in full-width digits', '１２_２３', 'invalid_format'],
    ['with a 17-digit id', '1_12345678901234567', 'invalid_format'],
    ['huge', '1'.repeat(50_000), 'invalid_format'],
  ],
  'chat_id (project)': [
    ['missing', MISSING, 'missing_field'],
    ['null', null, 'wrong_type'],
    ['a string', '7', 'wrong_type'],
    ['zero', 0, 'out_of_range'],
    ['negative', -1, 'out_of_range'],
    ['a fraction', 1.5, 'wrong_type'],
  ],
  message: [
    ['missing', MISSING, 'missing_field'],
    ['null', null, 'wrong_type'],
    ['a number', 42, 'wrong_type'],
    ['an array', ['hi'], 'wrong_type'],
    ['an object', { text: 'hi' }, 'wrong_type'],
    ['empty', '', 'too_short'],
    ['blank', ' \n\t ', 'too_short'],
    ['only Unicode spaces', '\u3000\u00a0\u2003', 'too_short'],
    ['8193 characters', 'x'.repeat(8193), 'too_long'],
    ['60000 characters', 'y'.repeat(60_000), 'too_long'],
  ],
  reply_to: [
    ['missing', MISSING, 'missing_field'],
    ['a string', '54', 'wrong_type'],
    ['zero', 0, 'out_of_range'],
    ['negative', -54, 'out_of_range'],
    ['a fraction', 1.5, 'wrong_type'],
    ['an object', {}, 'wrong_type'],
  ],
  message_id: [
    ['missing', MISSING, 'missing_field'],
    ['null', null, 'wrong_type'],
    ['a string', '54', 'wrong_type'],
    ['a boolean', true, 'wrong_type'],
    ['zero', 0, 'out_of_range'],
    ['negative', -3, 'out_of_range'],
    ['a fraction', 1.5, 'wrong_type'],
  ],
};

const BASE: Record<string, Record<'direct' | 'project', Record<string, unknown>>> = {
  new_message: {
    direct: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null },
    project: { chat_type: 'project', chat_id: 7, message: 'hi', reply_to: null },
  },
  user_typing: {
    direct: { chat_type: 'direct', chat_id: '12_23' },
    project: { chat_type: 'project', chat_id: 7 },
  },
  message_read: {
    direct: { chat_type: 'direct', chat_id: '12_23', message_id: 54 },
    project: { chat_type: 'project', chat_id: 7, message_id: 5 },
  },
  delete_message: {
    direct: { chat_type: 'direct', chat_id: '12_23', message_id: 36 },
    project: { chat_type: 'project', chat_id: 7, message_id: 34 },
  },
};

const FIELD_MATRIX = Object.entries(BASE).flatMap(([type, variants]) =>
  (['direct', 'project'] as const).flatMap((chatType) =>
    Object.keys(variants[chatType]).flatMap((field) => {
      const cases = FIELD_CASES[field === 'chat_id' ? `chat_id (${chatType})` : field] ?? [];
      return cases.map(([label, value, problem]) => [type, chatType, field, label, value, problem] as const);
    }),
  ),
);

describe('each field of each chat event', () => {
  it('covers every field of every event in both chat types', () => {
    expect(FIELD_MATRIX.length).toBeGreaterThan(150);
  });

  it.each(FIELD_MATRIX)('%s (%s): %s %s -> %s', async (type, chatType, field, _label, value, problem) => {
    const content = { ...BASE[type]?.[chatType] };
    if (value === MISSING) delete content[field];
    else content[field] = value;
    await refused(
      { type, content },
      { code: 'invalid_event', eventType: type, problems: [[`/content/${field}`, problem]] },
    );
  });
});

const NOT_FOUND = "Some of chat/message ids are wrong, you can't access this message";

describe('ids the user may not use', () => {
  const direct = (chat_id: string) => ({ chat_type: 'direct', chat_id });
  const project = (chat_id: number) => ({ chat_type: 'project', chat_id });
  it.each([
    // ids that do not exist
    [
      'a direct chat with a user who does not exist',
      'user_typing',
      direct('12_999'),
      'user_not_found',
      'User 999 does not exist',
    ],
    ['a project that does not exist', 'user_typing', project(999), 'chat_not_found', 'Project 999 does not exist'],
    [
      'a project id of 2^53',
      'new_message',
      { ...project(2 ** 53), message: 'hi', reply_to: null },
      'chat_not_found',
      `Project ${2 ** 53} does not exist`,
    ],
    [
      'a message that does not exist (read)',
      'message_read',
      { ...direct('12_23'), message_id: 99_999 },
      'message_not_found',
      NOT_FOUND,
    ],
    [
      'a message that does not exist (delete)',
      'delete_message',
      { ...project(7), message_id: 99_999 },
      'message_not_found',
      NOT_FOUND,
    ],
    ['a message id of 1e300', 'message_read', { ...project(7), message_id: 1e300 }, 'message_not_found', NOT_FOUND],
    [
      'a reply to a message that does not exist',
      'new_message',
      { ...direct('12_23'), message: 'hi', reply_to: 99_999 },
      'reply_not_in_chat',
      'Message 99999 is not in chat 12_23',
    ],
    // chats the user is not in
    [
      'a direct chat of two other users',
      'new_message',
      { ...direct('23_31'), message: 'hi', reply_to: null },
      'not_chat_member',
      'User 12 is not a member of chat 23_31',
    ],
    [
      'typing in a direct chat of others',
      'user_typing',
      direct('23_31'),
      'not_chat_member',
      'User 12 is not a member of chat 23_31',
    ],
    [
      'a project the user is not in (write)',
      'new_message',
      { ...project(42), message: 'hi', reply_to: null },
      'not_chat_member',
      'User 12 is not in project chat 42',
    ],
    [
      'a project the user is not in (type)',
      'user_typing',
      project(42),
      'not_chat_member',
      'User 12 is not in project chat 42',
    ],
    [
      'a project the user is not in (read)',
      'message_read',
      { ...project(42), message_id: 16 },
      'not_chat_member',
      'User 12 is not in project chat 42',
    ],
    [
      'a project the user is not in (delete)',
      'delete_message',
      { ...project(42), message_id: 16 },
      'not_chat_member',
      'User 12 is not in project chat 42',
    ],
    [
      'a message of another chat, through one the user is in',
      'message_read',
      { ...direct('12_23'), message_id: 3 },
      'message_not_found',
      NOT_FOUND,
    ],
    [
      'a reply to a message of another chat',
      'new_message',
      { ...direct('12_23'), message: 'hi', reply_to: 16 },
      'reply_not_in_chat',
      'Message 16 is not in chat 12_23',
    ],
    // someone else's message, or one's own where that is not allowed
    [
      "deleting the other participant's message",
      'delete_message',
      { ...direct('12_23'), message_id: 54 },
      'not_message_author',
      'User 12 is not author of message 54',
    ],
    [
      "deleting another member's project message",
      'delete_message',
      { ...project(7), message_id: 5 },
      'not_message_author',
      'User 12 is not author of message 5',
    ],
    [
      'reading one’s own direct message',
      'message_read',
      { ...direct('12_23'), message_id: 36 },
      'cannot_read_own_message',
      NOT_FOUND,
    ],
    [
      'deleting a message already deleted',
      'delete_message',
      { ...direct('12_15'), message_id: 51 },
      'message_not_found',
      NOT_FOUND,
    ],
  ])('%s: %s -> %s', async (_name, type, content, code, message) => {
    await refused({ type, content }, { code, eventType: type, message });
  });
});

describe('odd shapes and sizes', () => {
  const deep = (levels: number, leaf = '0') => '['.repeat(levels) + leaf + ']'.repeat(levels);

  it('a frame nested 20000 levels deep is refused, and the traffic log can still be read', async () => {
    await refused(deep(20_000), NOT_OBJECT);
    await refused(`{"type":"set_online","content":{"a":${deep(20_000)}}}`, {
      code: 'invalid_event',
      eventType: 'set_online',
      problems: [['/content/a', 'unknown_field']],
    });
    const res = await fetch(`${server.url}/__mock/traffic?limit=20`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { frame: unknown; valid: boolean }[] };
    expect(body.records.some((r) => typeof r.frame === 'string' && r.frame.startsWith('[[[['))).toBe(true);
  });

  it('through the control API too: a 20000-deep body, or a circular object from code, is refused (not a 500)', async () => {
    const before = worldOf(server);
    const res = await fetch(`${server.url}/__mock/act-as/12`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"type":"set_online","content":{"a":${deep(20_000)}}}`,
    });
    expect(res.status).toBe(400);
    const problem = {
      pointer: '',
      code: 'invalid_value',
      message: 'The frame cannot be written as JSON (nested too deeply, or circular)',
    };
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { content: { code: 'invalid_event', problems: [problem] } },
    });
    const circular: Record<string, unknown> = { type: 'set_online', content: {} };
    circular.self = circular;
    expect(server.actAsRaw(12, circular)).toMatchObject({ ok: false, error: { content: { problems: [problem] } } });
    expect((await fetch(`${server.url}/__mock/traffic`)).status).toBe(200);
    expect(worldOf(server)).toEqual(before);
  });

  it('a deep object where a string belongs: wrong_type at that field', async () => {
    let nested = '"x"';
    for (let i = 0; i < 5000; i++) nested = `{"a":${nested}}`;
    await refused(
      `{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":${nested},"reply_to":null}}`,
      { code: 'invalid_event', eventType: 'new_message', problems: [['/content/message', 'wrong_type']] },
    );
  });

  it('a 60000-character type: unknown_event_type, echoed as a short prefix only', async () => {
    const type = 't'.repeat(60_000);
    const answer = await refused(
      { type, content: {} },
      { code: 'unknown_event_type', eventType: `${'t'.repeat(63)}…`, problems: [['/type', 'unknown_event_type']] },
    );
    expect(JSON.stringify(answer).length).toBeLessThan(1024);
  });

  it('a key with a NUL in it: the field it resembles is missing, and it is unknown', async () => {
    await refused(
      '{"type":"new_message","content":{"chat_type\\u0000":"direct","chat_id":"12_23","message":"hi","reply_to":null}}',
      {
        code: 'invalid_event',
        eventType: 'new_message',
        problems: [
          ['/content/chat_type', 'missing_field'],
          ['/content/chat_type\u0000', 'unknown_field'],
        ],
      },
    );
  });

  it('a duplicated key: the last one counts (JSON.parse), and is judged as such', async () => {
    await refused(
      '{"type":"new_message","content":{"chat_type":"project","chat_id":7,"message":"hi","reply_to":null},"type":"set_online"}',
      {
        code: 'invalid_event',
        eventType: 'set_online',
        problems: ['chat_type', 'chat_id', 'message', 'reply_to'].map((f) => [`/content/${f}`, 'unknown_field']),
      },
    );
  });
});

describe('unicode that is valid', () => {
  it.each([
    ['emoji, with skin tones and joiners', '👋🏽 hi 👨‍👩‍👧‍👦 🇺🇦'],
    ['right-to-left text with a direction override', 'مرحبا بالعالم \u202e!olleh'],
    ['a NUL character', 'before\u0000after'],
    ['combining marks', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫ ǧ̗͚̚o̙̔ͮ̇͐̇'],
    ['a lone surrogate', 'broken \ud800 half'],
    ['8192 characters once trimmed', `  ${'é'.repeat(8192)}  `],
  ])('%s: stored as sent (trimmed), and both participants get it once', async (_name, text) => {
    const count = worldOf(server).messages.length;
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
    });
    for (const client of [anna, james]) {
      const frame = await client.next();
      expect(frame).toMatchObject({
        type: 'new_message',
        content: { message: { text: text.trim(), author: { id: 12 } } },
      });
    }
    const messages = worldOf(server).messages;
    expect(messages).toHaveLength(count + 1);
    expect(messages.at(-1)).toMatchObject({ text: text.trim(), author_id: 12, chat_id: '12_23' });
    await expectUsable(anna, [james]);
  });
});
