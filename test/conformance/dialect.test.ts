// The conformance run against a server that speaks the reference backend's 2023 dialect (see
// dialect-backend.ts): every check gives a verdict, each deviation is reported under the check it
// belongs to with the frames that show it, nothing the checker did not create is touched, and what
// it created is gone afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES, formatText, runConformance, type CheckResult, type Report } from '../../conformance/index.js';
import { dialectToken, HISTORY_IDS, startDialectBackend, type DialectBackend } from './dialect-backend.js';

const FAST = { timeoutMs: 500, settleMs: 80 };
const users = (): [{ id: number; token: string }, { id: number; token: string }] => [
  { id: 12, token: dialectToken(12) },
  { id: 23, token: dialectToken(23) },
];

type Wire = { type?: string; content?: { message_id?: number } } | null;
const parse = (text: string): Wire => {
  try {
    return JSON.parse(text) as Wire;
  } catch {
    return null;
  }
};

interface Expected {
  status: CheckResult['status'];
  /** What its problems (or its reason) say. */
  says?: RegExp;
  /** What its frames show (fail and blocked only). */
  shows?: RegExp;
  /** What one of its notes says. */
  notes?: RegExp;
}

const FLAT = /← \{"type":"new_message","content":\{"message_id":\d+,"chat_id":/;
const NO_A2 = (what: string): Expected => ({
  status: 'fail',
  says: new RegExp(`^A#2 received no ${what} within 500 ms$`),
  shows: new RegExp(`A#1 ← \\{"type":"${what}"`),
  notes:
    /^A#2 has received no frame at all since it connected, while A#1 \(the same user\) has: does the server deliver to only one connection per user\?$/,
});
const REFERENCE_ERROR = (text: string): Expected => ({
  status: 'fail',
  says: new RegExp(
    `^the error came in the reference backend's form \\{"error":"${text}"\\}, without "type" and "content", so its code cannot be read`,
  ),
  shows: new RegExp(`← \\{"error":"${text}"\\}`),
});
const CLOSED_1011 = (sender: string): Expected => ({
  status: 'fail',
  says: new RegExp(`^no error event: ${sender}'s connection was closed by the server \\(code 1011\\) instead`),
  shows: new RegExp(`${sender} · closed by the server \\(code 1011\\)`),
});
const ANYONE_DELETES: Expected = {
  status: 'fail',
  says: /^no error event: the frame was applied — delete_message reached [AB]#1, [AB]#1: \{"type":"delete_message","content":\{"message_id":\d+\}\}$/,
  shows: /← \{"type":"delete_message","content":\{"message_id":\d+\}\}/,
};
const MOVED_ID = /the message id found at \/content\/message_id \(\d+\), the spec puts it at \/content\/message\/id/;
const MOVED_USER = /A#1, B#1: user_id found at \/user_id \(23\), the spec puts it at \/content\/user_id/;

const EXPECTED: Record<string, Expected> = {
  'auth.header': {
    status: 'fail',
    says: /Authorization: Bearer <token> header was refused with HTTP 403 Forbidden$/,
    shows: /auth-header · refused with HTTP 403 Forbidden/,
    notes:
      /^the same token was accepted as the \?token=<token> query parameter: the server does not take it from the Authorization: Bearer <token> header$/,
  },
  'auth.query': { status: 'pass' },
  'auth.subprotocol': {
    status: 'fail',
    says: /\(subprotocols \["Bearer", token\]\) was refused with HTTP 403 Forbidden$/,
  },
  'auth.any-transport': { status: 'pass', says: /^query works; the run uses query$/ },
  'auth.missing-token': { status: 'pass' },
  'auth.bad-token': { status: 'pass', says: /^refused with HTTP 403 \(query\)$/ },
  'session.open': { status: 'pass' },
  'presence.connect': {
    status: 'fail',
    says: /^A#1 received no set_online within 500 ms \| A#2 received no set_online within 500 ms$/,
  },
  'direct.new_message.recipients': NO_A2('new_message'),
  'direct.new_message.content': { status: 'fail', says: MOVED_ID, shows: FLAT },
  'direct.new_message.reply': {
    status: 'fail',
    says: /^A#2 received no new_message .*\| A#1, B#1: the message id found at/,
  },
  'direct.user_typing.recipients': {
    status: 'fail',
    says: /^B#1 received no user_typing within 500 ms$/,
    shows: /A#1 → \{"type":"user_typing"/,
  },
  'direct.user_typing.content': {
    status: 'blocked',
    says: /^no user_typing arrived to judge \(see direct\.user_typing\.recipients\)$/,
  },
  'direct.message_read.recipients': NO_A2('message_read'),
  'direct.message_read.content': { status: 'pass' },
  'direct.message_read.own-message': REFERENCE_ERROR(
    "Some of chat/message ids are wrong, you can't access this message",
  ),
  'direct.delete_message.not-author': ANYONE_DELETES,
  'direct.delete_message.recipients': NO_A2('delete_message'),
  'direct.delete_message.content': {
    status: 'fail',
    says: /^A#1, B#1: missing: chat_type \(the spec puts it at \/content\/chat_type\), chat_id \(the spec puts it at \/content\/chat_id\)$/,
  },
  'direct.message_read.not-found': CLOSED_1011('B#1'),
  'direct.chat_id.order': {
    status: 'fail',
    says: /^no error event: the frame was applied — new_message reached A#1, B#1: \{"type":"new_message","content":\{"message_id":\d+,"chat_id":"12_23"/,
    shows: /A#1 → \{"type":"new_message","content":\{"chat_type":"direct","chat_id":"23_12"/,
  },
  'direct.not-member': REFERENCE_ERROR('User 31 is not a member of chat 12_23'),
  'errors.invalid_json': CLOSED_1011('A#1'),
  'errors.unknown_event_type': {
    status: 'fail',
    says: /^no answer within 500 ms: an error event with code "unknown_event_type" was expected$/,
    shows: /A#1 → \{"type":"conformance_probe_[0-9a-f]{8}","content":\{\}\}/,
  },
  'errors.missing-reply_to': CLOSED_1011('A#1'),
  'errors.connection-stays-open': {
    status: 'fail',
    says: /^A#1's connection was closed by the server \(code 1011\) after a frame that is not JSON/,
  },
  'project.new_message.recipients': NO_A2('new_message'),
  'project.new_message.content': { status: 'fail', says: MOVED_ID, shows: FLAT },
  'project.new_message.reply_not_in_chat': REFERENCE_ERROR('Message \\d+ is not in chat 7'),
  'project.user_typing.recipients': NO_A2('user_typing'),
  'project.user_typing.content': {
    status: 'fail',
    says: /^A#1, B#1: content\.end_time is a number \(\d+(\.\d+)?: epoch seconds, [^)]+\); the spec wants an ISO 8601 string$/,
  },
  'project.message_read.recipients': NO_A2('message_read'),
  'project.message_read.content': { status: 'pass' },
  'project.delete_message.not-author': ANYONE_DELETES,
  'project.delete_message.recipients': NO_A2('delete_message'),
  'project.delete_message.content': { status: 'fail', says: /^A#1, B#1: missing: chat_type/ },
  'project.not-member': REFERENCE_ERROR('User 31 is not in project chat 7'),
  'presence.set_offline': {
    status: 'fail',
    says: new RegExp(`^A#2 received no set_offline.* \\| ${MOVED_USER.source}$`),
  },
  'presence.set_online': {
    status: 'fail',
    says: new RegExp(`^A#2 received no set_online.* \\| ${MOVED_USER.source}$`),
  },
  'presence.not-last-connection': { status: 'pass' },
  'presence.disconnect': { status: 'fail', says: /^A#1 received no set_offline within 500 ms$/ },
};

describe('conformance against the 2023 dialect of the reference backend', () => {
  let backend: DialectBackend;
  let report: Report;
  beforeAll(async () => {
    backend = await startDialectBackend();
    report = await runConformance({
      url: backend.url,
      users: users(),
      outsider: { id: 31, token: dialectToken(31) },
      projectId: backend.projectId,
      trace: true,
      ...FAST,
    });
  }, 120_000);
  afterAll(() => backend.close());

  it('gives every check a verdict: none is skipped', () => {
    expect(Object.keys(EXPECTED)).toEqual(CHECK_NAMES);
    expect(report.checks.filter((c) => c.status === 'skip')).toEqual([]);
    expect(report.summary).toMatchObject({ total: 41, passed: 8, failed: 32, blocked: 1, skipped: 0 });
    expect(report.ok).toBe(false);
  });

  it.each(CHECK_NAMES)('reports %s where it belongs, with the frames that show it', (name) => {
    const check = report.checks.find((c) => c.name === name);
    const expected = EXPECTED[name];
    if (!check || !expected) throw new Error(`no ${name}`);
    const text = formatText({ ...report, checks: [check] });
    expect(check.status, text).toBe(expected.status);
    const problems = check.problems.length ? check.problems.join(' | ') : check.reason;
    if (expected.says) expect(problems, text).toMatch(expected.says);
    if (expected.notes)
      expect(
        check.notes.some((n) => expected.notes?.test(n)),
        text,
      ).toBe(true);
    if (expected.shows)
      expect(
        check.frames
          ?.map((f) => `${f.connection} ${{ in: '←', out: '→', event: '·' }[f.direction]} ${f.text}`)
          .join('\n'),
        text,
      ).toMatch(expected.shows);
  });

  it('acts only on messages it created, and leaves none of them behind', () => {
    const created = new Set<number>();
    const actedOn: number[] = [];
    for (const line of report.checks.flatMap((c) => c.frames ?? [])) {
      const data = parse(line.text);
      if (line.direction === 'in' && data?.type === 'new_message' && data.content?.message_id)
        created.add(data.content.message_id);
      if (line.direction === 'out' && typeof data?.content?.message_id === 'number')
        actedOn.push(data.content.message_id);
    }
    expect(actedOn.length).toBeGreaterThan(10);
    expect(actedOn.filter((id) => !created.has(id))).toEqual([]);
    expect(report.leftBehind).toEqual([]);
    expect(report.created).toBe(6);
    expect(backend.messageIds()).toEqual([...HISTORY_IDS]);
  });
});

describe('the dialect at the wrong path, or with a stale token', () => {
  let backend: DialectBackend | undefined;
  afterAll(() => backend?.close());

  it('diagnoses the HTTP 500 at /ws/chats/ and names /ws/chat/', async () => {
    backend = await startDialectBackend();
    const report = await runConformance({ url: backend.documentedUrl, users: users(), projectId: 7, ...FAST });
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    expect(byName.get('auth.header')).toMatchObject({
      status: 'fail',
      reason:
        'user 12\'s token sent as the Authorization: Bearer <token> header was refused with HTTP 500 Internal Server Error (body: "500 Internal Server Error Daphne")',
      notes: [
        `the endpoint may be elsewhere: ${backend.url} answers (it accepted the token sent as the ?token=<token> query parameter); run again with --url ${backend.url}`,
      ],
    });
    expect(byName.get('auth.any-transport')?.reason).toBe(
      "none of the three token transports accepted user 12's token (header, query, subprotocol: HTTP 500 Internal Server Error)",
    );
    const rest = report.checks.filter((c) => !c.name.startsWith('auth.'));
    expect(new Set(rest.map((c) => `${c.status}: ${c.reason}`))).toEqual(
      new Set([
        'blocked: the session could not be opened: no token transport works (see auth.any-transport)',
        'skip: no --outsider given: this check needs a user who is in neither chat of the run (--outsider <id>:<token>)',
      ]),
    );
    expect(report.transport).toBeNull();
  }, 60_000);

  it("says that B's token expired", async () => {
    backend ??= await startDialectBackend();
    const [a] = users();
    const stale = { id: 23, token: dialectToken(23, Date.now() - 6 * 60_000) };
    const report = await runConformance({
      url: backend.url,
      users: [a, stale],
      only: ['session', 'presence.connect'],
      ...FAST,
    });
    const open = report.checks.find((c) => c.name === 'session.open');
    expect(open?.status).toBe('fail');
    expect(open?.reason).toMatch(
      /^B#1 \(user 23\) was refused with HTTP 403 Forbidden — user 23's token expired at \S+, 1 min( \d+ s)? ago: get a fresh one$/,
    );
    expect(report.checks.find((c) => c.name === 'presence.connect')).toMatchObject({
      status: 'blocked',
      reason: 'the session could not be opened (see session.open)',
    });
  }, 60_000);
});
