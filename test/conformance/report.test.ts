import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  exitCodeOf,
  formatJson,
  formatJunit,
  formatText,
  type CheckResult,
  type Report,
} from '../../conformance/index.js';
import { summarize } from '../../conformance/results.js';

const result = (name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  required: !name.startsWith('auth.query'),
  status,
  reason: status === 'pass' ? 'accepted (101)' : 'B#1 received no new_message within 2000 ms',
  problems: status === 'fail' ? ['B#1 received no new_message within 2000 ms'] : [],
  warnings: [],
  notes: [],
  durationMs: 5,
  ...extra,
});

function reportOf(checks: CheckResult[], extra: Partial<Report> = {}): Report {
  const summary = summarize(checks);
  return {
    url: 'ws://127.0.0.1:8000/ws/chats/',
    protocol: 1,
    users: [12, 23],
    outsider: null,
    projectId: null,
    strict: false,
    runId: 'abcd1234',
    transport: 'header',
    startedAt: '2026-11-24T10:00:00.000Z',
    durationMs: 1234,
    checks,
    summary,
    created: 0,
    leftBehind: [],
    ok: summary.requiredFailed === 0 && summary.requiredBlocked === 0,
    ...extra,
  };
}

const AT = Date.parse('2026-11-24T10:00:01.000Z');

describe('formatText', () => {
  it('prints one line per check; problems, warnings, notes and frames indented; what was left; a summary', () => {
    const report = reportOf(
      [
        result('auth.header', 'pass'),
        result('auth.query', 'fail', { reason: 'refused with HTTP 403', problems: ['refused with HTTP 403'] }),
        result('direct.new_message.recipients', 'fail', {
          problems: ['B#1 received no new_message within 2000 ms', 'unexpected frame at A#1: {"type":"x"}'],
          notes: ['unrelated (other users or chats) at A#1: {"type":"set_online","content":{"user_id":31}}'],
          frames: [
            { at: AT, connection: 'A#1', direction: 'out', text: '{"type":"new_message"}' },
            { at: AT + 12, connection: 'A#1', direction: 'in', text: '{"type":"x"}' },
            { at: AT + 13, connection: 'B#1', direction: 'event', text: 'closed by the server (code 1011)' },
          ],
        }),
        result('direct.new_message.content', 'pass', { warnings: ['A#1: extra field /content/message/files ([])'] }),
        result('direct.user_typing.content', 'blocked', { reason: 'no user_typing arrived to judge' }),
        result('project.new_message.content', 'skip', { reason: 'no --project given' }),
      ],
      {
        created: 2,
        leftBehind: [
          {
            chat: 'direct chat 12_23',
            id: 100,
            author: 12,
            text: 'conformance x #1',
            check: 'direct.chat_id.order',
            why: 'no answer',
          },
        ],
      },
    );
    const text = formatText(report);
    expect(text.split('\n')).toEqual([
      'Conformance of ws://127.0.0.1:8000/ws/chats/ (protocol 1; lenient: extra fields are warnings, --strict makes them failures)',
      'users: A = 12 (connections A#1, A#2), B = 23 (B#1); outsider: none (--outsider); project: none (--project)',
      'token transport: header; run id: abcd1234 (in every text sent)',
      '',
      'PASS     auth.header                    accepted (101)',
      'FAIL     auth.query (optional)          refused with HTTP 403',
      'FAIL     direct.new_message.recipients  B#1 received no new_message within 2000 ms',
      '         - unexpected frame at A#1: {"type":"x"}',
      '         · unrelated (other users or chats) at A#1: {"type":"set_online","content":{"user_id":31}}',
      '         +   0 ms  A#1 → {"type":"new_message"}',
      '         +  12 ms  A#1 ← {"type":"x"}',
      '         +  13 ms  B#1 · closed by the server (code 1011)',
      'PASS     direct.new_message.content     accepted (101)',
      '         ! A#1: extra field /content/message/files ([])',
      'BLOCKED  direct.user_typing.content     no user_typing arrived to judge',
      'SKIP     project.new_message.content    no --project given',
      '',
      'Left behind: 1 of the 2 messages the run created could not be deleted:',
      '  - direct chat 12_23, message 100 by user 12, sent during direct.chat_id.order ("conformance x #1"): no answer',
      '',
      '6 checks: 2 passed, 2 failed (1 required, 1 optional), 1 blocked, 1 skipped, 1 warning — DOES NOT CONFORM',
      '',
    ]);
  });

  it('says CONFORMS when only optional checks fail, and what the run deleted', () => {
    const report = reportOf([result('auth.header', 'pass'), result('auth.query', 'fail')], { created: 3 });
    const text = formatText(report);
    expect(text).toContain('Messages: the run created 3 and deleted them all; nothing left behind.');
    expect(text).toContain('2 checks: 1 passed, 1 failed (0 required, 1 optional), 0 blocked, 0 skipped — CONFORMS');
  });

  it('does not conform when a required check is blocked', () => {
    const report = reportOf([result('auth.header', 'pass'), result('session.open', 'blocked')]);
    expect(report.ok).toBe(false);
    expect(formatText(report)).toMatch(/1 blocked, 0 skipped — DOES NOT CONFORM\n$/);
  });
});

describe('formatJunit', () => {
  it('writes one test case per check: failure, error (blocked), skipped, with the evidence', () => {
    const report = reportOf([
      result('auth.header', 'pass'),
      result('direct.new_message.recipients', 'fail', {
        problems: ['B#1 received no new_message within 2000 ms', 'A#2 got <&> "quoted"'],
        frames: [{ at: AT, connection: 'A#1', direction: 'out', text: '{"type":"new_message"}' }],
      }),
      result('direct.user_typing.content', 'blocked', { reason: 'no user_typing arrived to judge' }),
      result('project.new_message.content', 'skip', { reason: 'no --project given' }),
    ]);
    expect(formatJunit(report).split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="chats-ws-conformance" tests="4" failures="1" errors="1" skipped="1" time="1.234">',
      '  <testsuite name="conformance of ws://127.0.0.1:8000/ws/chats/" timestamp="2026-11-24T10:00:00.000Z" tests="4" failures="1" errors="1" skipped="1" time="1.234">',
      '    <properties>',
      '      <property name="url" value="ws://127.0.0.1:8000/ws/chats/"/>',
      '      <property name="protocol" value="1"/>',
      '      <property name="users" value="12,23"/>',
      '      <property name="outsider" value=""/>',
      '      <property name="project" value=""/>',
      '      <property name="strict" value="false"/>',
      '      <property name="runId" value="abcd1234"/>',
      '      <property name="transport" value="header"/>',
      '      <property name="leftBehind" value="0"/>',
      '    </properties>',
      '    <testcase classname="conformance.auth" name="auth.header" time="0.005"/>',
      '    <testcase classname="conformance.direct" name="direct.new_message.recipients" time="0.005">',
      '      <failure message="B#1 received no new_message within 2000 ms" type="required">B#1 received no new_message within 2000 ms',
      'A#2 got &lt;&amp;&gt; &quot;quoted&quot;</failure>',
      '      <system-out>+   0 ms  A#1 → {&quot;type&quot;:&quot;new_message&quot;}</system-out>',
      '    </testcase>',
      '    <testcase classname="conformance.direct" name="direct.user_typing.content" time="0.005">',
      '      <error message="no user_typing arrived to judge" type="blocked"/>',
      '    </testcase>',
      '    <testcase classname="conformance.project" name="project.new_message.content" time="0.005">',
      '      <skipped message="no --project given"/>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ]);
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

  it('marks only the three transports optional, and what each check needs configured', () => {
    expect(CHECKS.filter((c) => !c.required).map((c) => c.name)).toEqual([
      'auth.header',
      'auth.query',
      'auth.subprotocol',
    ]);
    for (const c of CHECKS) expect(c.needs.includes('project'), c.name).toBe(c.name.startsWith('project.'));
    expect(CHECKS.filter((c) => c.needs.includes('outsider')).map((c) => c.name)).toEqual([
      'direct.not-member',
      'project.not-member',
    ]);
  });

  it('is documented in the README, check by check', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { name } of CHECKS) expect(readme, name).toContain(`\`${name}\``);
  });
});
