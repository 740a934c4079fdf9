import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, exitCodeOf, formatJson, formatText, type CheckResult, type Report } from '../../conformance/index.js';
import { summarize } from '../../conformance/results.js';

const result = (name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  required: !name.startsWith('auth.query'),
  status,
  reason: status === 'pass' ? 'accepted (101)' : 'B#1 received no new_message within 2000 ms',
  problems: status === 'fail' ? ['B#1 received no new_message within 2000 ms'] : [],
  notes: [],
  durationMs: 5,
  ...extra,
});

function reportOf(checks: CheckResult[]): Report {
  const summary = summarize(checks);
  return {
    url: 'ws://127.0.0.1:8000/ws/chats/',
    users: [12, 23],
    projectId: null,
    runId: 'abcd1234',
    transport: 'header',
    startedAt: '2026-11-24T10:00:00.000Z',
    durationMs: 1234,
    checks,
    summary,
    ok: summary.requiredFailed === 0,
  };
}

describe('formatText', () => {
  it('prints one line per check, its further problems and notes indented, and a summary', () => {
    const report = reportOf([
      result('auth.header', 'pass'),
      result('auth.query', 'fail', { reason: 'refused with HTTP 403', problems: ['refused with HTTP 403'] }),
      result('direct.new_message.recipients', 'fail', {
        problems: ['B#1 received no new_message within 2000 ms', 'unexpected frame at A#1: {"type":"x"}'],
        notes: ['unrelated (other users or chats) at A#1: {"type":"set_online","content":{"user_id":31}}'],
      }),
      result('project.new_message.content', 'skip', { reason: 'no --project given' }),
    ]);
    const text = formatText(report);
    expect(text.split('\n')).toEqual([
      'Conformance of ws://127.0.0.1:8000/ws/chats/',
      'users: A = 12 (connections A#1, A#2), B = 23 (B#1); project: none (project checks skipped)',
      'token transport: header; run id: abcd1234 (in every text sent)',
      '',
      'PASS  auth.header                    accepted (101)',
      'FAIL  auth.query (optional)          refused with HTTP 403',
      'FAIL  direct.new_message.recipients  B#1 received no new_message within 2000 ms',
      '      - unexpected frame at A#1: {"type":"x"}',
      '      · unrelated (other users or chats) at A#1: {"type":"set_online","content":{"user_id":31}}',
      'SKIP  project.new_message.content    no --project given',
      '',
      '4 checks: 1 passed, 2 failed (1 required, 1 optional), 1 skipped — DOES NOT CONFORM',
      '',
    ]);
  });

  it('says CONFORMS when only optional checks fail', () => {
    const report = reportOf([result('auth.header', 'pass'), result('auth.query', 'fail')]);
    expect(formatText(report)).toContain('2 checks: 1 passed, 1 failed (0 required, 1 optional), 0 skipped — CONFORMS');
  });
});

describe('exit code and JSON', () => {
  it('is 0 exactly when no required check failed', () => {
    expect(
      exitCodeOf(
        reportOf([result('auth.header', 'pass'), result('auth.query', 'fail'), result('session.open', 'skip')]),
      ),
    ).toBe(0);
    expect(exitCodeOf(reportOf([result('session.open', 'fail')]))).toBe(1);
  });

  it('prints the whole report as JSON', () => {
    const report = reportOf([result('auth.header', 'pass')]);
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });
});

describe('the check catalogue', () => {
  it('has unique, stable-looking names', () => {
    const names = CHECKS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^(auth|session|presence|direct|errors|project)\.[a-z_.-]+$/);
  });

  it('marks only the three transports optional, and the project checks as needing --project', () => {
    expect(CHECKS.filter((c) => !c.required).map((c) => c.name)).toEqual([
      'auth.header',
      'auth.query',
      'auth.subprotocol',
    ]);
    for (const c of CHECKS) expect(Boolean(c.needsProject)).toBe(c.name.startsWith('project.'));
  });

  it('is documented in the README, check by check', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { name } of CHECKS) expect(readme, name).toContain(`\`${name}\``);
  });
});
