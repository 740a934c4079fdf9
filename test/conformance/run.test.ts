// runConformance against the correct fake backend: every check passes, and the run copes with the
// situations a real server brings (no project, other users' traffic, wrong tokens, nobody there).
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

const FAST = { timeoutMs: 800, settleMs: 60 };
const users = (a: number, b: number): ConformanceOptions['users'] => [
  { id: a, token: `token-${a}` },
  { id: b, token: `token-${b}` },
];
const byStatus = (report: Report, status: string): string[] =>
  report.checks.filter((c) => c.status === status).map((c) => c.name);

describe('runConformance against a correct server', () => {
  it('passes every check, reported in catalogue order', async () => {
    backend = await startFakeBackend();
    const seen: string[] = [];
    const report = await runConformance({
      url: backend.url,
      users: users(23, 12),
      projectId: 7,
      ...FAST,
      onCheck: (c) => seen.push(c.name),
    });
    expect(byStatus(report, 'fail')).toEqual([]);
    expect(byStatus(report, 'skip')).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect([...seen].sort()).toEqual([...CHECK_NAMES].sort());
    expect(report).toMatchObject({ ok: true, users: [23, 12], projectId: 7, transport: 'header' });
    expect(report.summary).toEqual({
      total: CHECK_NAMES.length,
      passed: CHECK_NAMES.length,
      failed: 0,
      skipped: 0,
      requiredFailed: 0,
      optionalFailed: 0,
    });
  });

  it('skips the project checks without --project, and still conforms', async () => {
    backend = await startFakeBackend();
    const report = await runConformance({ url: backend.url, users: users(12, 23), ...FAST });
    const skipped = report.checks.filter((c) => c.status === 'skip');
    expect(skipped.map((c) => c.name)).toEqual(CHECK_NAMES.filter((n) => n.startsWith('project.')));
    expect(skipped.every((c) => c.reason.startsWith('no --project given'))).toBe(true);
    expect(byStatus(report, 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
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

describe('runConformance when nothing can connect', () => {
  it('fails auth.any-transport and skips everything that needs a session', async () => {
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
    const rest = report.checks.filter((c) => !c.name.startsWith('auth.'));
    expect(rest.every((c) => c.status === 'skip')).toBe(true);
    expect(report.checks.find((c) => c.name === 'session.open')?.reason).toBe(
      'no token transport works (see auth.any-transport)',
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
    expect(open).toMatchObject({ status: 'fail', reason: 'B#1 (user 23) was refused with HTTP 403 Forbidden' });
    expect(report.checks.find((c) => c.name === 'direct.new_message.recipients')?.status).toBe('skip');
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
  ] as const)('refuses %o', async (change, message) => {
    const options = { url: 'ws://127.0.0.1:1/ws/chats/', users: users(12, 23), ...change } as ConformanceOptions;
    await expect(runConformance(options)).rejects.toThrow(message);
    await expect(runConformance(options)).rejects.toBeInstanceOf(ConformanceOptionsError);
  });
});
