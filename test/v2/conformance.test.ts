// The conformance checker with --protocol 2 against the mock speaking protocol 2: every check
// passes, in strict mode, and the run leaves nothing behind. With the checker's
// default (protocol 1), the same server fails: the two versions are told apart.
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_NAMES, runConformance, type ConformanceUser } from '../../conformance/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const userOf = (mock: MockServer, id: number): ConformanceUser => ({
  id,
  token: mock.users.find((u) => u.id === id)?.token ?? '',
});

describe('conformance of the mock speaking protocol 2', () => {
  // Strict: fields the spec does not define fail the checks (so lenient passes too).
  it('passes every check with protocol: 2, strict', async () => {
    const strict = true;
    server = await startMockServer({ port: 0, bots: false, protocol: 2 });
    const report = await runConformance({
      url: server.wsUrl,
      users: [userOf(server, 12), userOf(server, 23)],
      outsider: userOf(server, 31),
      projectId: 7,
      strict,
      protocol: 2,
      timeoutMs: 1500,
      settleMs: 100,
    });
    const notPassed = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.reason}`);
    expect(notPassed).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect(report).toMatchObject({ ok: true, protocol: 2, strict, leftBehind: [], created: 3 });
    expect(server.stats().outgoingViolations).toBe(0);
  });

  it('checked as protocol 1, the same server fails: its frames are the later dialect', async () => {
    server = await startMockServer({ port: 0, bots: false, protocol: 2 });
    const report = await runConformance({
      url: server.wsUrl,
      users: [userOf(server, 12), userOf(server, 23)],
      outsider: userOf(server, 31),
      projectId: 7,
      only: ['direct.new_message'],
      timeoutMs: 800,
      settleMs: 50,
    });
    expect(report.ok).toBe(false);
    expect(report.protocol).toBe(1);
  });
});
