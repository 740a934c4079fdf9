// The conformance run against this package's own mock server: the mock must pass every check.
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_NAMES, runConformance, type ConformanceOptions } from '../../conformance/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function usersOf(mock: MockServer, a: number, b: number): ConformanceOptions['users'] {
  const token = (id: number): string => {
    const user = mock.users.find((u) => u.id === id);
    if (!user) throw new Error(`the mock has no user ${id}`);
    return user.token;
  };
  return [
    { id: a, token: token(a) },
    { id: b, token: token(b) },
  ];
}

describe('conformance of the mock server', () => {
  it('passes every check (users 12 and 23, project 7)', async () => {
    server = await startMockServer({ port: 0, bots: false });
    const report = await runConformance({
      url: server.wsUrl,
      users: usersOf(server, 12, 23),
      projectId: 7,
      timeoutMs: 1500,
      settleMs: 100,
    });
    const notPassed = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.name}: ${c.reason}`);
    expect(notPassed).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(CHECK_NAMES);
    expect(report.ok).toBe(true);
  });

  it('passes with the larger id as user A, and with the bots chatting meanwhile', async () => {
    server = await startMockServer({ port: 0, bots: true, botSpeed: 0.02 });
    const report = await runConformance({
      url: server.wsUrl,
      users: usersOf(server, 23, 12),
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
