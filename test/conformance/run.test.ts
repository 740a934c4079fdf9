// runConformance against the correct fake backend: every check passes, and the run copes with the
// situations a real server brings (no project, other users' traffic, more fields than the spec,
// wrong tokens, nobody there), and with a selection of checks.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../conformance/client.js';
import {
  CHECK_NAMES,
  ConformanceOptionsError,
  runConformance,
  type ConformanceOptions,
  type Report,
} from '../../conformance/index.js';
import { startFakeBackend, type FakeBackend } from './fake-backend.js';

let backend: FakeBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

// A long timeout costs nothing when every frame arrives, and spares a loaded machine false alarms.
const FAST = { timeoutMs: 2000, settleMs: 60 };
const users = (a: number, b: number): ConformanceOptions['users'] => [
  { id: a, token: `token-${a}` },
  { id: b, token: `token-${b}` },
];
const byStatus = (report: Report, status: string): string[] =>
  report.checks.filter((c) => c.status === status).map((c) => c.name);

const OUTSIDER = { id: 40, token: 'token-40' };

describe('runConformance against a correct server', () => {
  it('passes every check, reported in catalogue order, and leaves nothing behind', async () => {
    backend = await startFakeBackend();
    const seen: string[] = [];
    const report = await runConformance({
      url: backend.url,
      users: users(23, 12),
      outsider: OUTSIDER,
      projectId: 7,
      ...FAST,
      onCheck: (c) => seen.push(c.name),
    });
    expect(byStatus(report, 'fail')).toEqual([]);
    expect(byStatus(report, 'skip')).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect([...seen].sort()).toEqual([...CHECK_NAMES].sort());
    expect(report).toMatchObject({
      ok: true,
      users: [23, 12],
      outsider: 40,
      projectId: 7,
      transport: 'header',
      strict: false,
      protocol: 1,
      created: 3,
      leftBehind: [],
    });
    expect(report.summary).toEqual({
      total: CHECK_NAMES.length,
      passed: CHECK_NAMES.length,
      failed: 0,
      blocked: 0,
      skipped: 0,
      requiredFailed: 0,
      optionalFailed: 0,
      requiredBlocked: 0,
      warnings: 0,
    });
    // Frames are kept for checks that did not pass (none here) unless asked for.
    expect(report.checks.filter((c) => c.frames)).toEqual([]);
  });

  it('skips what needs --project or --outsider, naming the flag, and still conforms', async () => {
    backend = await startFakeBackend();
    const report = await runConformance({ url: backend.url, users: users(12, 23), ...FAST });
    const skipped = report.checks.filter((c) => c.status === 'skip');
    expect(skipped.map((c) => `${c.name}: ${c.reason.split(':')[0] ?? ''}`)).toEqual([
      'direct.not-member: no --outsider given',
      ...CHECK_NAMES.filter((n) => n.startsWith('project.')).map((n) => `${n}: no --project given`),
    ]);
    expect(byStatus(report, 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('runs a single check on its own: it creates what it needs and deletes it', async () => {
    backend = await startFakeBackend();
    const report = await runConformance({
      url: backend.url,
      users: users(12, 23),
      only: ['direct.message_read.not-found'],
      ...FAST,
    });
    expect(byStatus(report, 'pass')).toEqual(['direct.message_read.not-found']);
    const others = report.checks.filter((c) => c.name !== 'direct.message_read.not-found');
    expect(new Set(others.map((c) => `${c.status}: ${c.reason}`))).toEqual(
      new Set(['skip: not selected (--only direct.message_read.not-found)']),
    );
    expect(report).toMatchObject({ created: 1, leftBehind: [], ok: true });
  });

  it('selects by prefix, and leaves out what --skip names', async () => {
    backend = await startFakeBackend();
    const report = await runConformance({
      url: backend.url,
      users: users(12, 23),
      projectId: 7,
      only: ['direct.new_message', 'project.user_typing', 'errors.'],
      skip: ['errors.connection-stays-open'],
      ...FAST,
    });
    expect(byStatus(report, 'pass')).toEqual([
      'direct.new_message.recipients',
      'direct.new_message.content',
      'direct.new_message.reply',
      'errors.invalid_json',
      'errors.unknown_event_type',
      'errors.missing-reply_to',
      'project.user_typing.recipients',
      'project.user_typing.content',
    ]);
    expect(report.checks.find((c) => c.name === 'errors.connection-stays-open')?.reason).toBe(
      'left out (--skip errors.connection-stays-open)',
    );
  });

  it("reports other users' traffic as unrelated, not as failures", async () => {
    backend = await startFakeBackend();
    const url = backend.url;
    let stop = false;
    // User 31 keeps connecting, typing and writing in project 7 (the run's project) and project 8.
    const noise = (async () => {
      for (let i = 0; !stop; i++) {
        const result = await connect(url, { label: 'C', transport: 'query', token: 'token-31', timeoutMs: 1000 });
        if (result.kind !== 'open') continue;
        for (const chat_id of [7, 8]) {
          result.client.send({ type: 'user_typing', content: { chat_type: 'project', chat_id } });
          result.client.send({
            type: 'new_message',
            content: { chat_type: 'project', chat_id, message: `noise ${i}`, reply_to: null },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
        await result.client.close();
      }
    })();
    // And another connection of 31 types in project 7 every few milliseconds.
    const typist = await connect(url, { label: 'T', transport: 'header', token: 'token-31', timeoutMs: 1000 });
    if (typist.kind !== 'open') throw new Error('the typist could not connect');
    const typing = setInterval(
      () => typist.client.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } }),
      3,
    );
    const report = await runConformance({ url, users: users(12, 23), projectId: 7, ...FAST });
    stop = true;
    clearInterval(typing);
    await typist.client.close();
    await noise;
    expect(byStatus(report, 'fail')).toEqual([]);
    const notes = report.checks.flatMap((c) => c.notes);
    expect(notes.some((n) => n.startsWith('unrelated (other users or chats)') && n.includes('"user_id":31'))).toBe(
      true,
    );
    expect(
      notes.some((n) => n.includes('"type":"user_typing","content":{"chat_type":"project","chat_id":7,"user_id":31')),
    ).toBe(true);
  });

  it("does not take another member's events in the project chat for its own", async () => {
    backend = await startFakeBackend({ interleaveOtherMember: true });
    const report = await runConformance({ url: backend.url, users: users(12, 23), projectId: 7, ...FAST });
    expect(byStatus(report, 'fail')).toEqual([]);
    const notes = report.checks.find((c) => c.name === 'project.user_typing.recipients')?.notes ?? [];
    expect(notes.filter((n) => n.includes('"type":"user_typing"') && n.includes('"user_id":31'))).toHaveLength(3);
  });
});

describe('a later version of the backend, with more fields than the spec', () => {
  const MESSAGE_CHECKS = ['direct.new_message.content', 'direct.new_message.reply', 'project.new_message.content'];

  it('passes with warnings by default, listed under the checks that saw them', async () => {
    backend = await startFakeBackend({ laterFields: true });
    const report = await runConformance({ url: backend.url, users: users(12, 23), projectId: 7, ...FAST });
    expect(byStatus(report, 'fail')).toEqual([]);
    expect(report.checks.filter((c) => c.warnings.length).map((c) => c.name)).toEqual(MESSAGE_CHECKS);
    expect(report.checks.find((c) => c.name === 'direct.new_message.content')?.warnings).toEqual([
      'A#1, A#2, B#1: extra field /content/message/files ([]): not in the spec',
      'A#1, A#2, B#1: extra field /content/message/is_edited (false): not in the spec',
      'A#1, A#2, B#1: extra field /content/message/author/email ("user12@example.com"): not in the spec',
      'A#1, A#2, B#1: extra field /content/message/author/is_online (true): not in the spec',
    ]);
    expect(report.summary.warnings).toBe(12);
    expect(report.ok).toBe(true);
  });

  it('fails those checks with strict', async () => {
    backend = await startFakeBackend({ laterFields: true });
    const report = await runConformance({
      url: backend.url,
      users: users(12, 23),
      projectId: 7,
      strict: true,
      ...FAST,
    });
    expect(byStatus(report, 'fail')).toEqual(MESSAGE_CHECKS);
    expect(report.checks.find((c) => c.name === 'direct.new_message.content')?.reason).toBe(
      'A#1, A#2, B#1: extra field /content/message/files ([]): not in the spec',
    );
    expect(report.summary.warnings).toBe(0);
    expect(report).toMatchObject({ ok: false, strict: true });
  });
});

describe('runConformance when nothing can connect', () => {
  it('fails auth.any-transport and blocks everything that needs a session', async () => {
    backend = await startFakeBackend();
    const report = await runConformance({
      url: backend.url,
      users: [
        { id: 12, token: 'wrong' },
        { id: 23, token: 'token-23' },
      ],
      ...FAST,
    });
    expect(byStatus(report, 'fail')).toEqual(['auth.header', 'auth.query', 'auth.subprotocol', 'auth.any-transport']);
    expect(byStatus(report, 'pass')).toEqual(['auth.missing-token', 'auth.bad-token']);
    expect(report.checks.find((c) => c.name === 'auth.header')).toMatchObject({
      reason: "user 12's token sent as the Authorization: Bearer <token> header was refused with HTTP 403 Forbidden",
      notes: ["user 12's token is not a JWT, so nothing about it can be read here (an opaque token?)"],
    });
    const rest = report.checks.filter((c) => !c.name.startsWith('auth.') && c.status !== 'skip');
    expect(new Set(rest.map((c) => `${c.status}: ${c.reason}`))).toEqual(
      new Set(['blocked: the session could not be opened: no token transport works (see auth.any-transport)']),
    );
    expect(rest.map((c) => c.name)).toEqual(
      CHECK_NAMES.filter((n) => !/^(auth|project)\./.test(n) && n !== 'direct.not-member'),
    );
    expect(report.ok).toBe(false);
    expect(report.transport).toBeNull();
  });

  it("fails session.open when only user B's token is wrong", async () => {
    backend = await startFakeBackend();
    const report = await runConformance({
      url: backend.url,
      users: [
        { id: 12, token: 'token-12' },
        { id: 23, token: 'wrong' },
      ],
      ...FAST,
    });
    const open = report.checks.find((c) => c.name === 'session.open');
    expect(open).toMatchObject({
      status: 'fail',
      reason:
        "B#1 (user 23) was refused with HTTP 403 Forbidden — user 23's token is not a JWT, so nothing about it can be read here (an opaque token?)",
    });
    expect(report.checks.find((c) => c.name === 'direct.new_message.recipients')).toMatchObject({
      status: 'blocked',
      reason: `the session could not be opened: ${open?.reason ?? ''}`,
    });
    expect(report.ok).toBe(false);
  });

  it('reports a server that is not listening', async () => {
    backend = await startFakeBackend();
    const url = backend.url;
    await backend.close();
    backend = undefined;
    const report = await runConformance({ url, users: users(12, 23), ...FAST });
    const header = report.checks.find((c) => c.name === 'auth.header');
    expect(header?.reason).toMatch(/ECONNREFUSED/);
    expect(report.ok).toBe(false);
  });
});

describe('runConformance options', () => {
  it.each([
    [{ url: 'http://x/ws/chats/' }, /ws:\/\/ or wss:\/\//],
    [{ url: 'nope' }, /is not a URL/],
    [{ users: users(12, 12) }, /must differ/],
    [
      {
        users: [
          { id: 0, token: 'a' },
          { id: 2, token: 'b' },
        ],
      },
      /positive integer/,
    ],
    [
      {
        users: [
          { id: 1, token: '' },
          { id: 2, token: 'b' },
        ],
      },
      /empty token/,
    ],
    [{ projectId: -1 }, /--project/],
    [{ timeoutMs: 0 }, /--timeout/],
    [{ outsider: { id: 12, token: 'x' } }, /--outsider must be a third user, not 12/],
    [{ only: ['direct', 'nothing.like.this'] }, /--only nothing\.like\.this: no check has that name or prefix/],
    [{ skip: ['dir'] }, /--skip dir: no check/],
  ] as const)('refuses %o', async (change, message) => {
    const options = { url: 'ws://127.0.0.1:1/ws/chats/', users: users(12, 23), ...change } as ConformanceOptions;
    await expect(runConformance(options)).rejects.toThrow(message);
    await expect(runConformance(options)).rejects.toBeInstanceOf(ConformanceOptionsError);
  });
});
