// The conformance run against this package's own mock server: the mock must pass every check,
// in lenient and in strict mode, and the run must leave nothing behind in it.
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_NAMES, runConformance, type ConformanceUser } from '../../conformance/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Users A and B, and the outsider, with their tokens. */
function usersOf(
  mock: MockServer,
  ...ids: [number, number, number]
): [ConformanceUser, ConformanceUser, ConformanceUser] {
  const user = (id: number): ConformanceUser => {
    const found = mock.users.find((u) => u.id === id);
    if (!found) throw new Error(`the mock has no user ${id}`);
    return { id, token: found.token };
  };
  return [user(ids[0]), user(ids[1]), user(ids[2])];
}

describe('conformance of the mock server', () => {
  it.each([
    ['lenient', false],
    ['strict', true],
  ] as const)('passes every check, %s (users 12 and 23, outsider 31, project 7)', async (_mode, strict) => {
    server = await startMockServer({ port: 0, bots: false });
    const [a, b, outsider] = usersOf(server, 12, 23, 31);
    const report = await runConformance({
      url: server.wsUrl,
      users: [a, b],
      outsider,
      projectId: 7,
      strict,
      timeoutMs: 1500,
      settleMs: 100,
    });
    const notPassed = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.reason}`);
    expect(notPassed).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect(report.summary.warnings).toBe(0);
    expect(report).toMatchObject({ ok: true, strict, leftBehind: [], created: 3 });
    // Every message the run stored is deleted; nothing else in the world changed hands.
    const state = server.state() as { messages: { text: string; is_deleted: boolean }[] };
    const ours = state.messages.filter((m) => m.text.includes(report.runId));
    expect(ours.map((m) => m.is_deleted)).toEqual([true, true, true]);
    expect(server.stats().outgoingViolations).toBe(0);
  });

  it('passes with the larger id as user A, and with the bots chatting meanwhile', async () => {
    server = await startMockServer({ port: 0, bots: true, botSpeed: 0.02 });
    const [a, b, outsider] = usersOf(server, 23, 12, 31);
    const report = await runConformance({
      url: server.wsUrl,
      users: [a, b],
      outsider,
      projectId: 7,
      timeoutMs: 1500,
      settleMs: 100,
    });
    const notPassed = report.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.name}: ${c.problems.join(' | ') || c.reason}`);
    expect(notPassed).toEqual([]);
  });
});
