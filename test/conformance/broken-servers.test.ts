// The conformance run against deliberately broken servers: the fake backend with one defect
// switched on. Each defect must be reported by name — exactly these checks fail, the rest pass.
import { describe, expect, it } from 'vitest';
import { runConformance, type ConformanceOptions, type Report } from '../../conformance/index.js';
import { DEFECTS, startFakeBackend, type Defect, type FakeBackend } from './fake-backend.js';

interface Expected {
  /** Exactly the checks that must fail. */
  fail: string[];
  /** What the first failing check's problems must say. */
  says: RegExp;
  /** Exactly the checks that could not be judged (none is skipped: the run has every option). */
  blocked?: string[];
  /** Whether the run still conforms (only optional checks fail). */
  ok?: true;
}

const EXPECTED: Record<Defect, Expected> = {
  'refuse-header-token': {
    fail: ['auth.header'],
    says: /Authorization: Bearer <token> header was refused with HTTP 403/,
    ok: true,
  },
  'refuse-query-token': { fail: ['auth.query'], says: /query parameter was refused with HTTP 403/, ok: true },
  'no-subprotocol-selected': { fail: ['auth.subprotocol'], says: /Server sent no subprotocol/, ok: true },
  'accept-missing-token': { fail: ['auth.missing-token'], says: /upgrade was accepted \(101\)/ },
  'accept-bad-token': { fail: ['auth.bad-token'], says: /^query: the upgrade was accepted/ },
  'refuse-with-401': { fail: ['auth.missing-token'], says: /refused with HTTP 401 Unauthorized, the spec says 403/ },
  'presence-to-newcomer': {
    fail: ['presence.connect'],
    says: /unexpected frame at B#1: \{"type":"set_online","content":\{"user_id":12\}\}/,
  },
  'forget-second-participant': {
    fail: ['direct.new_message.recipients', 'direct.new_message.reply'],
    says: /B#1 received no new_message within/,
  },
  'omit-is-deleted': {
    fail: ['direct.new_message.content', 'direct.new_message.reply'],
    says: /^A#1, A#2, B#1: missing: is_deleted \(the spec puts it at \/content\/message\/is_deleted\)$/,
  },
  'untrimmed-text': {
    fail: ['direct.new_message.content', 'project.new_message.content'],
    says: /content\.message\.text is "  conformance/,
  },
  'wrong-reply-to': { fail: ['direct.new_message.reply'], says: /content\.message\.reply_to is null, expected \d+/ },
  'typing-to-sender': {
    fail: ['direct.user_typing.recipients'],
    says: /^A#1 received user_typing, which it must not \(A is the typist\): .* \| A#2 received user_typing, which it must not/,
  },
  'typing-without-end-time': {
    fail: ['direct.user_typing.content'],
    says: /^B#1: missing: end_time \(the spec puts it at \/content\/end_time\)$/,
  },
  'typing-end-time-past': {
    fail: ['direct.user_typing.content', 'project.user_typing.content'],
    says: /^B#1: content\.end_time is "[^"]+", in the past \(\d+ ms before the frame arrived\)$/,
  },
  'read-twice-to-reader': {
    fail: ['direct.message_read.recipients'],
    says: /unexpected frame at B#1: \{"type":"message_read"/,
  },
  'slow-direct-read': {
    fail: ['direct.message_read.recipients'],
    says: /received message_read only after \d+ ms \(timeout 600 ms\)/,
  },
  'read-own-message': {
    fail: ['direct.message_read.own-message'],
    says: /^no error event: the frame was applied — message_read reached A#1, A#2, B#1: \{"type":"message_read"/,
  },
  'delete-others-message': {
    fail: ['direct.delete_message.not-author'],
    says: /^no error event: the frame was applied — delete_message reached A#1, A#2, B#1: \{"type":"delete_message"/,
  },
  'accept-reversed-chat-id': {
    fail: ['direct.chat_id.order'],
    says: /^no error event: the frame was applied — new_message reached A#1, A#2, B#1: \{"type":"new_message","content":\{"chat_type":"direct","chat_id":"12_23"/,
  },
  'wrong-not-found-code': {
    fail: ['direct.message_read.not-found'],
    says: /the error's code is "internal_error", expected "message_not_found"/,
  },
  'close-on-invalid-json': {
    fail: ['errors.invalid_json', 'errors.connection-stays-open'],
    says: /^no error event: A#1's connection was closed by the server \(code 1007, invalid JSON\) instead; an error event with code "invalid_json" was expected, and the connection kept open$/,
  },
  'drop-unknown-type': {
    fail: ['errors.unknown_event_type'],
    says: /^no answer within 600 ms: an error event with code "unknown_event_type" was expected$/,
  },
  'accept-missing-reply-to': {
    fail: ['errors.missing-reply_to'],
    says: /^no error event: the frame was applied — new_message reached A#1, A#2, B#1: \{"type":"new_message"/,
  },
  'project-chat-id-string': {
    fail: [
      'project.new_message.content',
      'project.user_typing.content',
      'project.message_read.content',
      'project.delete_message.content',
    ],
    says: /^A#1, A#2, B#1: content\.chat_id is "7", expected 7$/,
  },
  'project-forget-sender': { fail: ['project.new_message.recipients'], says: /^A#1 received no new_message within/ },
  'typing-event-name': {
    fail: ['project.user_typing.recipients'],
    blocked: ['project.user_typing.content'],
    says: /^A#1 received no user_typing within 600 ms; instead it received \{"type":"typing".*Unknown event type "typing"/,
  },
  'unknown-frame-on-delete': {
    fail: ['project.delete_message.recipients'],
    says: /unexpected frame at A#1: \{"type":"message_deleted".*\[unknown_event_type at \/type\]/,
  },
  'offline-on-any-close': {
    fail: ['presence.not-last-connection'],
    says: /unexpected frame at B#1: \{"type":"set_offline","content":\{"user_id":12\}\}/,
  },
  'keep-messages': {
    fail: [
      'direct.delete_message.not-author',
      'direct.delete_message.recipients',
      'project.delete_message.not-author',
      'project.delete_message.recipients',
    ],
    blocked: ['direct.delete_message.content', 'direct.message_read.not-found', 'project.delete_message.content'],
    says: /^the error's code is "message_not_found", expected "not_message_author"/,
  },
  'rate-limit-reads': {
    fail: [],
    blocked: [
      'direct.message_read.recipients',
      'direct.message_read.content',
      'direct.message_read.own-message',
      'direct.message_read.not-found',
      'project.message_read.recipients',
      'project.message_read.content',
    ],
    says: /^the server rate-limited the checker instead of answering \(give the test accounts a larger limit\): B#1 received \{"type":"error","error":"Too many frames: at most 1 message_read per minute","content":\{"code":"rate_limited","message":"[^"]+","problems":\[\]\}\}$/,
  },
  'no-offline-on-close': { fail: ['presence.disconnect'], says: /A#1 received no set_offline within/ },
};

/** A run as user 12 (A) and 23 (B) in project 7, with short timeouts. */
const runAgainst = (backend: FakeBackend, options: Partial<ConformanceOptions> = {}): Promise<Report> =>
  runConformance({
    url: backend.url,
    users: [
      { id: 12, token: 'token-12' },
      { id: 23, token: 'token-23' },
    ],
    projectId: backend.projectId,
    timeoutMs: 600,
    settleMs: 150,
    ...options,
  });

describe('what a run leaves behind', () => {
  it('lists every message it created and could not delete, with the reason', async () => {
    const backend = await startFakeBackend({ defects: ['keep-messages'] });
    try {
      const report = await runAgainst(backend, { runId: 'run42' });
      const refused =
        'delete_message was answered with {"type":"error","error":"Some of chat/message ids are wrong, you can\'t access this message",';
      expect(report.leftBehind.map((m) => ({ ...m, why: m.why.slice(0, refused.length) }))).toEqual([
        {
          chat: 'direct chat 12_23',
          id: 100,
          author: 12,
          text: 'conformance run42 #1 direct hello',
          check: 'direct.new_message.recipients',
          why: refused,
        },
        {
          chat: 'direct chat 12_23',
          id: 101,
          author: 23,
          text: 'conformance run42 #2 direct reply',
          check: 'direct.new_message.reply',
          why: refused,
        },
        {
          chat: 'project chat 7',
          id: 102,
          author: 12,
          text: 'conformance run42 #6 project hello',
          check: 'project.new_message.recipients',
          why: refused,
        },
      ]);
      expect(report.created).toBe(3);
    } finally {
      await backend.close();
    }
  });
});

describe.concurrent('conformance against a broken server', () => {
  it.each(Object.keys(DEFECTS) as Defect[])('finds the defect %s', async (defect) => {
    const expected = EXPECTED[defect];
    const backend = await startFakeBackend({ defects: [defect], delayMs: 900 });
    try {
      const report = await runAgainst(backend, { outsider: { id: 40, token: 'token-40' } });
      const failed = report.checks.filter((c) => c.status === 'fail');
      const other = report.checks.filter((c) => c.status !== 'fail' && c.status !== 'pass');
      expect(
        failed.map((c) => c.name),
        `${defect}: ${DEFECTS[defect]}`,
      ).toEqual(expected.fail);
      expect(other.map((c) => `${c.name}: ${c.status}`)).toEqual(
        (expected.blocked ?? []).map((name) => `${name}: blocked`),
      );
      // What the first failure says, or, when nothing failed, why the first blocked check is blocked.
      const first = failed[0]?.problems.join(' | ') ?? other[0]?.reason;
      expect(first).toMatch(expected.says);
      expect(report.ok).toBe(expected.ok ?? false);
    } finally {
      await backend.close();
    }
  });
});
