// The report for people (one line per check, then a summary) and for CI (JSON), and the exit code.
import type { CheckResult, Report } from './results.js';

const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;
const MAX_LINES_PER_CHECK = 6;

/** 0 when every required check passed, 1 otherwise. */
export const exitCodeOf = (report: Report): 0 | 1 => (report.ok ? 0 : 1);

function checkLines(check: CheckResult, width: number): string[] {
  const name = `${check.name}${check.required ? '' : ' (optional)'}`;
  const lines = [`${STATUS_LABEL[check.status]}  ${name.padEnd(width)}  ${check.reason}`];
  const indent = ' '.repeat(6);
  const more = (list: readonly string[], mark: string): void => {
    for (const item of list.slice(0, MAX_LINES_PER_CHECK)) lines.push(`${indent}${mark} ${item}`);
    if (list.length > MAX_LINES_PER_CHECK)
      lines.push(`${indent}${mark} … and ${list.length - MAX_LINES_PER_CHECK} more`);
  };
  more(check.problems.slice(1), '-');
  more(check.notes, '·');
  return lines;
}

export function formatSummary(report: Report): string {
  const s = report.summary;
  const failed = s.failed
    ? `${s.failed} failed (${s.requiredFailed} required, ${s.optionalFailed} optional)`
    : '0 failed';
  return `${s.total} checks: ${s.passed} passed, ${failed}, ${s.skipped} skipped — ${report.ok ? 'CONFORMS' : 'DOES NOT CONFORM'}`;
}

export function formatText(report: Report): string {
  const [a, b] = report.users;
  const width = Math.max(...report.checks.map((c) => c.name.length + (c.required ? 0 : ' (optional)'.length)));
  const head = [
    `Conformance of ${report.url}`,
    `users: A = ${a} (connections A#1, A#2), B = ${b} (B#1); project: ${report.projectId ?? 'none (project checks skipped)'}`,
    `token transport: ${report.transport ?? 'none works'}; run id: ${report.runId} (in every text sent)`,
    '',
  ];
  const body = report.checks.flatMap((check) => checkLines(check, width));
  return [...head, ...body, '', formatSummary(report), ''].join('\n');
}

export const formatJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
