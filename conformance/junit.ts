// The report as JUnit XML, for CI systems that show test results: one test case per check.
// A failing check is a <failure> (type "required" or "optional"), a blocked one an <error> (it
// could not be judged), a skipped one <skipped>; warnings, notes and frames go to <system-out>.
import type { CheckResult, Report } from './results.js';
import { formatTraceLine } from './trace.js';

const escapeXml = (text: string): string =>
  text
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testCase(check: CheckResult): string {
  const head = `    <testcase${attrs({ classname: `conformance.${check.name.split('.')[0] ?? ''}`, name: check.name, time: seconds(check.durationMs) })}`;
  const body: string[] = [];
  if (check.status === 'fail') {
    body.push(
      `      <failure${attrs({ message: check.reason, type: check.required ? 'required' : 'optional' })}>${escapeXml(check.problems.join('\n'))}</failure>`,
    );
  } else if (check.status === 'blocked') {
    body.push(`      <error${attrs({ message: check.reason, type: 'blocked' })}/>`);
  } else if (check.status === 'skip') {
    body.push(`      <skipped${attrs({ message: check.reason })}/>`);
  }
  const since = check.frames?.[0]?.at ?? 0;
  const out = [
    ...check.warnings.map((w) => `warning: ${w}`),
    ...check.notes.map((n) => `note: ${n}`),
    ...(check.frames ?? []).map((line) => formatTraceLine(line, since, 2000)),
  ];
  if (out.length) body.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`);
  return body.length ? `${head}>\n${body.join('\n')}\n    </testcase>` : `${head}/>`;
}

export function formatJunit(report: Report): string {
  const s = report.summary;
  const counts = {
    tests: s.total,
    failures: s.failed,
    errors: s.blocked,
    skipped: s.skipped,
    time: seconds(report.durationMs),
  };
  const properties = {
    url: report.url,
    protocol: report.protocol,
    users: report.users.join(','),
    outsider: report.outsider ?? '',
    project: report.projectId ?? '',
    strict: String(report.strict),
    runId: report.runId,
    transport: report.transport ?? '',
    leftBehind: report.leftBehind.length,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'chats-ws-conformance', ...counts })}>`,
    `  <testsuite${attrs({ name: `conformance of ${report.url}`, timestamp: report.startedAt, ...counts })}>`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...report.checks.map(testCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
