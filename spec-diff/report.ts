// The report three ways: text for terminals (grouped by severity), JSON for tools, and a markdown
// changelog for the docs site (self-contained GitHub-flavoured markdown, one section per severity).
// And the exit code it makes.
import { UNANNOUNCED_CHECKS } from './diff.js';
import {
  SEVERITIES,
  severityRank,
  type Breaks,
  type DiffReport,
  type Finding,
  type Location,
  type Severity,
  type SideInfo,
} from './types.js';

const TITLES: Record<Severity, string> = {
  breaking: 'Breaking changes',
  'non-breaking': 'Non-breaking changes',
  info: 'Info',
};

const BREAKS: Record<Breaks, string> = {
  clients: 'clients',
  servers: 'servers',
  both: 'clients and servers',
  none: 'nobody',
};

const ARROW = { 'client-to-server': 'client -> server', 'server-to-client': 'server -> client' } as const;

/** `client -> server new_message /content/text [chat_type=project] (receiveNewMessage, clientNewMessage)` */
export function describeWhere(where: Location, code: (s: string) => string = (s) => s): string {
  const parts: string[] = [];
  if (where.direction && where.event) parts.push(`${ARROW[where.direction]} ${code(where.event)}`);
  else if (where.channel) parts.push(`channel ${code(where.channel)}`);
  else if (where.server) parts.push(`server ${code(where.server)}`);
  else if (where.operation) parts.push(`operation ${code(where.operation)}`);
  if (where.pointer) parts.push(code(where.pointer));
  if (where.variant) parts.push(`[${code(where.variant)}]`);
  if (where.event && (where.operation || where.message))
    parts.push(`(${[where.operation, where.message].filter(Boolean).join(', ')})`);
  return parts.join(' ');
}

const sideLine = (side: SideInfo): string =>
  `${side.source}${side.commit ? ` (${side.commit})` : ''}, version ${side.version ?? '(none)'}`;

const BUMPS: Record<DiffReport['summary']['actualBump'], string> = {
  major: 'a major bump',
  minor: 'a minor bump',
  patch: 'a patch bump',
  prerelease: 'a pre-release step',
  none: 'no bump',
  downgrade: 'a downgrade',
  invalid: 'no valid semantic version',
};

function summaryLine(report: DiffReport): string {
  const { breaking, nonBreaking, info, requiredBump, actualBump } = report.summary;
  const need = requiredBump === 'none' ? 'no bump' : `a ${requiredBump} bump`;
  return `${breaking} breaking, ${nonBreaking} non-breaking, ${info} info; the changes need ${need}, the version made ${BUMPS[actualBump]}`;
}

const bySeverity = (report: DiffReport, severity: Severity): Finding[] =>
  report.findings.filter((f) => f.severity === severity);

export function formatText(report: DiffReport): string {
  const lines = [
    'Protocol diff',
    `  base      ${sideLine(report.base)}`,
    `  revision  ${sideLine(report.revision)}`,
    `  ${summaryLine(report)}`,
  ];
  if (!report.findings.length) lines.push('', 'No changes.');
  for (const severity of SEVERITIES) {
    const findings = bySeverity(report, severity);
    if (!findings.length) continue;
    lines.push('', `${TITLES[severity].toUpperCase()} (${findings.length})`);
    for (const f of findings) {
      lines.push('', `  ${f.id}${f.breaks === 'none' ? '' : `: breaks ${BREAKS[f.breaks]}`}`);
      const where = describeWhere(f.where);
      if (where) lines.push(`    ${where}`);
      lines.push(`    ${f.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const formatJson = (report: DiffReport): string => `${JSON.stringify(report, null, 2)}\n`;

/** Escapes text for a GitHub-flavoured markdown table cell. */
const md = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]|#~])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const code = (text: string): string => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

export function formatMarkdown(report: DiffReport): string {
  const { base, revision } = report;
  const side = (s: SideInfo) =>
    `${code(s.source)}${s.commit ? ` (${code(s.commit)})` : ''}, version ${s.version === null ? '(none)' : code(s.version)}`;
  const lines = [
    `# Protocol changes: ${md(base.version ?? '(none)')} → ${md(revision.version ?? '(none)')}`,
    '',
    `- Base: ${side(base)}`,
    `- Revision: ${side(revision)}`,
    `- ${md(summaryLine(report))}`,
  ];
  for (const severity of SEVERITIES) {
    const findings = bySeverity(report, severity);
    lines.push('', `## ${TITLES[severity]} (${findings.length})`, '');
    if (!findings.length) {
      lines.push('None.');
      continue;
    }
    lines.push('| Where | Breaks | Change | Check |', '| --- | --- | --- | --- |');
    for (const f of findings)
      lines.push(`| ${describeWhere(f.where, code) || '—'} | ${BREAKS[f.breaks]} | ${md(f.reason)} | ${code(f.id)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * 1 when a finding is at or above `failOn`, else 0. With `semver`, only findings that say the version
 * does not announce the changes count (`version.bump-too-small`, `version.invalid`).
 */
export function exitCodeOf(report: DiffReport, failOn: Severity = 'breaking', semver = false): 0 | 1 {
  const counted = semver ? report.findings.filter((f) => UNANNOUNCED_CHECKS.includes(f.id)) : report.findings;
  return counted.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}
