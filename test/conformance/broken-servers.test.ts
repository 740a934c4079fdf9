// The conformance run against deliberately broken servers: the fake backend with one defect
// switched on. Each defect must be reported by name — exactly these checks fail, the rest pass.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../conformance/index.js';
import { DEFECTS, startFakeBackend, type Defect } from './fake-backend.js';

interface Expected {
  /** Exactly the checks that must fail. */
  fail: string[];
  /** What the first failing check's problems must say. */
  says: RegExp;
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
    says: /content\.message\.is_deleted is required \[missing_field at \/content\/message\/is_deleted\]/,
  },
  'untrimmed-text': {
    fail: ['direct.new_message.content', 'project.new_message.content'],
    says: /content\.message\.text is "  conformance/,
  },
  'wrong-reply-to': { fail: ['direct.new_message.reply'], says: /content\.message\.reply_to is null, expected \d+/ },
  'typing-to-sender': {
    fail: ['direct.user_typing.recipients', 'errors.connection-stays-open'],
    says: /A#1 received user_typing, which it must not \(A is the typist\)/,
  },
  'typing-without-end-time': {
    fail: ['direct.user_typing.content'],
    says: /content\.end_time is required \[missing_field at \/content\/end_time\]/,
  },
  'typing-end-time-past': {
    fail: ['direct.user_typing.content', 'project.user_typing.content'],
    says: /end_time .* is in the past/,
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
    says: /A#1 received no error within .* delivered although the frame was refused: at A#1: \{"type":"message_read"/,
  },
  'delete-others-message': {
    fail: ['direct.delete_message.not-author'],
    says: /delivered although the frame was refused: at A#1: \{"type":"delete_message"/,
  },
  'accept-reversed-chat-id': {
    fail: ['direct.chat_id.order'],
    says: /A#1 received no error within .* delivered although the frame was refused/,
  },
  'wrong-not-found-code': {
    fail: ['direct.message_read.not-found'],
    says: /the error's code is "internal_error", expected "message_not_found"/,
  },
  'close-on-invalid-json': {
    fail: ['errors.invalid_json', 'errors.connection-stays-open'],
    says: /A#1's connection closed \(code 1007, invalid JSON\) after the error: the connection must stay open/,
  },
  'drop-unknown-type': { fail: ['errors.unknown_event_type'], says: /A#1 received no error within/ },
  'accept-missing-reply-to': {
    fail: ['errors.missing-reply_to'],
    says: /delivered although the frame was refused: at A#1: \{"type":"new_message"/,
  },
  'project-chat-id-string': {
    fail: [
      'project.new_message.content',
      'project.user_typing.content',
      'project.message_read.content',
      'project.delete_message.content',
    ],
    says: /content\.chat_id must be integer \[wrong_type at \/content\/chat_id\]/,
  },
  'project-forget-sender': { fail: ['project.new_message.recipients'], says: /^A#1 received no new_message within/ },
  'typing-event-name': {
    fail: ['project.user_typing.recipients'],
    says: /unexpected frame at A#1: \{"type":"typing".*Unknown event type "typing"/,
  },
  'unknown-frame-on-delete': {
    fail: ['project.delete_message.recipients'],
    says: /unexpected frame at A#1: \{"type":"message_deleted".*\[unknown_event_type at \/type\]/,
  },
  'offline-on-any-close': {
    fail: ['presence.not-last-connection'],
    says: /unexpected frame at B#1: \{"type":"set_offline","content":\{"user_id":12\}\}/,
  },
  'no-offline-on-close': { fail: ['presence.disconnect'], says: /A#1 received no set_offline within/ },
};

describe.concurrent('conformance against a broken server', () => {
  it.each(Object.keys(DEFECTS) as Defect[])('finds the defect %s', async (defect) => {
    const expected = EXPECTED[defect];
    const backend = await startFakeBackend({ defects: [defect], delayMs: 900 });
    try {
      const report = await runConformance({
        url: backend.url,
        users: [
          { id: 12, token: 'token-12' },
          { id: 23, token: 'token-23' },
        ],
        projectId: backend.projectId,
        timeoutMs: 600,
        settleMs: 150,
      });
      const failed = report.checks.filter((c) => c.status === 'fail');
      expect(
        failed.map((c) => c.name),
        `${defect}: ${DEFECTS[defect]}`,
      ).toEqual(expected.fail);
      expect(failed[0]?.problems.join(' | ')).toMatch(expected.says);
      expect(report.ok).toBe(expected.ok ?? false);
    } finally {
      await backend.close();
    }
  });
});
