// The report for people (one line per check, what proves each failure, what was left behind, then a
// summary) and for CI (JSON), and the exit code.
import type { CheckResult, Report } from './results.js';
import { formatTraceLine } from './trace.js';

const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', blocked: 'BLOCKED', skip: 'SKIP' } as const;
const LABEL_WIDTH = 7;
const MAX_LINES = 8;
const MAX_FRAMES = 6;

/** 0 when every required check passed, 1 otherwise. */
export const exitCodeOf = (report: Report): 0 | 1 => (report.ok ? 0 : 1);

const displayName = (check: CheckResult): string => `${check.name}${check.required ? '' : ' (optional)'}`;

function checkLines(check: CheckResult, width: number): string[] {
  const lines = [
    `${STATUS_LABEL[check.status].padEnd(LABEL_WIDTH)}  ${displayName(check).padEnd(width)}  ${check.reason}`,
  ];
  const indent = ' '.repeat(LABEL_WIDTH + 2);
  const more = (list: readonly string[], mark: string, max = MAX_LINES): void => {
    for (const item of list.slice(0, max)) lines.push(`${indent}${mark} ${item}`);
    if (list.length > max) lines.push(`${indent}${mark} … and ${list.length - max} more`);
  };
  more(check.problems.slice(1), '-');
  more(check.warnings, '!');
  more(check.notes, '·');
  if (check.status === 'fail' || check.status === 'blocked') {
    const frames = check.frames ?? [];
    const since = frames[0]?.at ?? 0;
    for (const line of frames.slice(0, MAX_FRAMES)) lines.push(`${indent}${formatTraceLine(line, since, 200)}`);
    if (frames.length > MAX_FRAMES)
      lines.push(`${indent}… and ${frames.length - MAX_FRAMES} more frames (--trace or --json show them all)`);
  }
  return lines;
}

export function formatSummary(report: Report): string {
  const s = report.summary;
  const failed = s.failed
    ? `${s.failed} failed (${s.requiredFailed} required, ${s.optionalFailed} optional)`
    : '0 failed';
  const warnings = s.warnings ? `, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` : '';
  return `${s.total} checks: ${s.passed} passed, ${failed}, ${s.blocked} blocked, ${s.skipped} skipped${warnings} — ${report.ok ? 'CONFORMS' : 'DOES NOT CONFORM'}`;
}

function leftBehindLines(report: Report): string[] {
  const { created, leftBehind } = report;
  if (leftBehind.length === 0) {
    return [
      created
        ? `Messages: the run created ${created} and deleted ${created === 1 ? 'it' : 'them all'}; nothing left behind.`
        : 'Messages: the run created none.',
    ];
  }
  return [
    `Left behind: ${leftBehind.length} of the ${created} messages the run created could not be deleted:`,
    ...leftBehind.map(
      (m) =>
        `  - ${m.chat}, ${m.id === null ? 'id unknown' : `message ${m.id}`} by user ${m.author}, sent during ${m.check} (${JSON.stringify(m.text)}): ${m.why}`,
    ),
  ];
}

export function formatText(report: Report): string {
  const [a, b] = report.users;
  const width = Math.max(...report.checks.map((c) => displayName(c).length));
  const mode = report.strict
    ? 'strict: extra fields fail'
    : 'lenient: extra fields are warnings, --strict makes them failures';
  const head = [
    `Conformance of ${report.url} (protocol ${report.protocol}; ${mode})`,
    `users: A = ${a} (connections A#1, A#2), B = ${b} (B#1); outsider: ${report.outsider === null ? 'none (--outsider)' : `${report.outsider} (O#1)`}; project: ${report.projectId ?? 'none (--project)'}`,
    `token transport: ${report.transport ?? 'none works'}; run id: ${report.runId} (in every text sent)`,
    '',
  ];
  const body = report.checks.flatMap((check) => checkLines(check, width));
  return [...head, ...body, '', ...leftBehindLines(report), '', formatSummary(report), ''].join('\n');
}

export const formatJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
