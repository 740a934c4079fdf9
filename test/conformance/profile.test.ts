// The protocol profile: finding fields wherever a server put them, and judging a frame against the
// fields it must carry — the spec's shape, the 2023 dialect's flat one, and a later one with more.
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../conformance/frames.js';
import { judgeFrame } from '../../conformance/judge/content.js';
import { locate } from '../../conformance/profile/locate.js';
import type { ChatRef } from '../../conformance/profile/types.js';
import { PROTOCOL_V1 } from '../../conformance/profile/v1.js';
import { replyTo, typingEnd } from '../../conformance/profile/values.js';

const { fields, expect: expectations } = PROTOCOL_V1;
const ARRIVED = Date.parse('2026-11-24T10:15:30.000Z');
/** 10 ms before the frame arrived, as epoch seconds (the 2023 backend's created_at). */
const EPOCH = (ARRIVED - 10) / 1000;
const frameOf = (data: unknown, at = ARRIVED) => ({
  ...readFrame('A#1', Buffer.from(JSON.stringify(data)), false),
  at,
});
const direct: ChatRef = { chatType: 'direct', chatId: '12_23' };
const TEXT = 'conformance run42 #1 hello';
const message = { authorId: 12, text: TEXT, replyTo: null, knownIds: new Set<number>() };

const specMessage = {
  type: 'new_message',
  content: {
    chat_type: 'direct',
    chat_id: '12_23',
    message: {
      id: 55,
      author: { id: 12, first_name: 'Анна', last_name: 'Смирнова', avatar: null },
      text: TEXT,
      reply_to: null,
      created_at: '2026-11-24T10:15:29.990Z',
      is_read: false,
      is_deleted: false,
    },
  },
};

describe('locate', () => {
  it('takes the place the spec names first', () => {
    expect(locate(specMessage, fields.messageId)).toEqual({ pointer: '/content/message/id', value: 55, atSpec: true });
  });

  it("finds a message id elsewhere by its key, never a user's, author's or chat's id", () => {
    const flat = { type: 'new_message', content: { author_id: 12, chat_id: 7, user: { id: 3 }, message_id: 101 } };
    expect(locate(flat, fields.messageId)).toEqual({ pointer: '/content/message_id', value: 101, atSpec: false });
    expect(locate({ content: { author: { id: 12 }, chat: { id: 7 } } }, fields.messageId)).toBeNull();
  });

  it('does not take the id of the message replied to for the new one', () => {
    const later = { content: { message: { reply_to: { id: 54 }, id_str: 'x' }, id: 56 } };
    expect(locate(later, { ...fields.messageId, pointer: '/nowhere' })).toEqual({
      pointer: '/content/id',
      value: 56,
      atSpec: false,
    });
  });

  it('prefers, among the places that fit, the value expected', () => {
    const frame = { type: 'set_online', content: { who: { user_id: 31 } }, user_id: 23 };
    expect(locate(frame, fields.userId, (v) => v === 23)?.pointer).toBe('/user_id');
  });
});

describe('judgeFrame', () => {
  const judge = (data: unknown, strict = false) =>
    judgeFrame(frameOf(data), expectations.newMessage(direct, message), strict);

  it('finds nothing wrong with the spec shape', () => {
    expect(judge(specMessage)).toEqual({ problems: [], warnings: [] });
  });

  it('says precisely how the 2023 flat new_message differs, once per difference', () => {
    const flat = {
      type: 'new_message',
      content: { message_id: 101, chat_id: '12_23', author_id: 12, text: `  ${TEXT}\n`, created_at: EPOCH },
    };
    expect(judge(flat).problems).toEqual([
      'the message id found at /content/message_id (101), the spec puts it at /content/message/id',
      `the text found at /content/text (${JSON.stringify(`  ${TEXT}\n`)}), the spec puts it at /content/message/text`,
      `content.text is ${JSON.stringify(`  ${TEXT}\n`)}, expected "${TEXT}" (the server must strip leading and trailing white space)`,
      'the author found at /content/author_id (12), the spec puts it at /content/message/author',
      'content.author_id is a number (12: the author); the spec wants the author object {id, first_name, last_name, avatar}',
      `created_at found at /content/created_at (${EPOCH}), the spec puts it at /content/message/created_at`,
      `content.created_at is a number (${EPOCH}: epoch seconds, 2026-11-24T10:15:29.990Z); the spec wants an ISO 8601 string`,
      'missing: chat_type (the spec puts it at /content/chat_type), reply_to (the spec puts it at /content/message/reply_to), is_read (the spec puts it at /content/message/is_read), is_deleted (the spec puts it at /content/message/is_deleted)',
    ]);
  });

  it('warns about the fields a later version added, and fails them with strict', () => {
    const later = structuredClone(specMessage) as typeof specMessage & { content: { message: object } };
    Object.assign(later.content.message, { files: [], is_edited: false });
    Object.assign(later.content.message.author, { email: 'anna@example.com' });
    const warnings = [
      'extra field /content/message/files ([]): not in the spec',
      'extra field /content/message/is_edited (false): not in the spec',
      'extra field /content/message/author/email ("anna@example.com"): not in the spec',
    ];
    expect(judge(later)).toEqual({ problems: [], warnings });
    expect(judge(later, true)).toEqual({ problems: warnings, warnings: [] });
  });

  it('keeps a wrongly typed field a failure in lenient mode', () => {
    const nested = structuredClone(specMessage);
    (nested.content.message as Record<string, unknown>).reply_to = { id: 54, text: 'earlier' };
    expect(judge(nested).problems).toEqual([
      'content.message.reply_to is an object (id 54); the spec wants the id of the message answered, or null',
    ]);
  });

  it('reports a presence frame without content as one moved field', () => {
    const problems = judgeFrame(frameOf({ type: 'set_online', user_id: 23 }), expectations.presence(23), false);
    expect(problems).toEqual({
      problems: ['user_id found at /user_id (23), the spec puts it at /content/user_id'],
      warnings: [],
    });
  });
});

describe('value judges', () => {
  const arrived = ARRIVED;

  it('reads an epoch end_time for what it is, and still checks how far ahead it is', () => {
    expect(typingEnd((arrived + 5000) / 1000, arrived)).toEqual([
      `is a number (${(arrived + 5000) / 1000}: epoch seconds, 2026-11-24T10:15:35.000Z); the spec wants an ISO 8601 string`,
    ]);
    expect(typingEnd('2026-11-24T10:15:25.000Z', arrived)).toEqual([
      'is "2026-11-24T10:15:25.000Z", in the past (5000 ms before the frame arrived)',
    ]);
    expect(typingEnd('2026-11-24T10:15:35.100Z', arrived)).toEqual([]);
  });

  it('names a nested reply_to that is the right message', () => {
    expect(replyTo(54)({ id: 54 }, arrived)).toEqual([
      'is an object (the message answered, 54); the spec wants the id of the message answered (54), or null',
    ]);
    expect(replyTo(54)(54, arrived)).toEqual([]);
  });
});
