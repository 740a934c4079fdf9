// diffSpecs: every change between two loaded spec trees, the version check, and the summary.
import { diffDocuments } from './document-diff.js';
import type { LoadedSpec } from './load.js';
import { announces, bumpOf, nextVersion } from './semver.js';
import { severityRank, type DiffReport, type DiffSummary, type Finding, type SideInfo } from './types.js';

const VERSION_POINTER = '/info/version';

/** `version.*` findings that fail a `--semver` run: the version does not announce the changes. */
export const UNANNOUNCED_CHECKS: readonly string[] = ['version.bump-too-small', 'version.invalid'];

function versionOf(spec: LoadedSpec): string | null {
  const info = spec.document.info as { version?: unknown } | undefined;
  return typeof info?.version === 'string' ? info.version : null;
}

function versionFindings(
  baseVersion: string | null,
  revisionVersion: string | null,
  required: DiffSummary['requiredBump'],
  bump: DiffSummary['actualBump'],
): Finding[] {
  const where = { pointer: VERSION_POINTER };
  const severity = required === 'major' ? 'breaking' : required === 'minor' ? 'non-breaking' : 'info';
  const needs =
    required === 'major' ? 'breaking changes need a major bump' : 'non-breaking changes need at least a minor bump';
  const out: Finding[] = [];
  if (baseVersion !== revisionVersion)
    out.push({
      id: 'version.changed',
      severity: 'info',
      breaks: 'none',
      where,
      reason: `info.version ${baseVersion ?? '(none)'} -> ${revisionVersion ?? '(none)'}${bump === 'invalid' ? '' : ` (${bump === 'none' ? 'no' : `a ${bump}`} bump)`}`,
    });
  if (bump === 'invalid' && (required !== 'none' || baseVersion !== revisionVersion)) {
    const bad =
      revisionVersion === null || bumpOf(revisionVersion, revisionVersion) === 'invalid' ? 'revision' : 'base';
    const value = bad === 'revision' ? revisionVersion : baseVersion;
    out.push({
      id: 'version.invalid',
      severity,
      breaks: 'none',
      where,
      reason: `The ${bad}'s info.version ${value === null ? 'is missing' : `"${value}" is not a semantic version`}, so it cannot announce changes${required === 'none' ? '' : ` (${needs})`}`,
    });
  } else if (bump !== 'invalid' && !announces(bump, required)) {
    const suggestion = required === 'none' ? undefined : nextVersion(baseVersion, required);
    const made = bump === 'none' ? 'is unchanged' : bump === 'downgrade' ? 'went down' : `made a ${bump} bump`;
    out.push({
      id: 'version.bump-too-small',
      severity,
      breaks: 'none',
      where,
      reason: `info.version ${made} (${baseVersion} -> ${revisionVersion}), but ${needs}${suggestion ? `: ${suggestion} or later` : ''}`,
    });
  }
  return out;
}

const ORDER = (f: Finding): string =>
  [
    f.where.event ? '1' : '0',
    f.where.direction ?? '',
    f.where.event ?? '',
    f.where.pointer,
    f.where.variant ?? '',
    f.id,
    f.reason,
  ].join('\u0000');

/** Sorted by severity (breaking first), then document-level before payload findings, then by place. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || (ORDER(a) < ORDER(b) ? -1 : ORDER(a) > ORDER(b) ? 1 : 0),
  );
}

const side = (spec: LoadedSpec): SideInfo => ({
  source: spec.source,
  ...(spec.commit ? { commit: spec.commit } : {}),
  version: versionOf(spec),
});

/** Compares two spec trees: every change, whom it breaks, and whether `info.version` announces them. */
export function diffSpecs(base: LoadedSpec, revision: LoadedSpec): DiffReport {
  const changes = diffDocuments(base, revision);
  const requiredBump = changes.some((f) => f.severity === 'breaking')
    ? 'major'
    : changes.some((f) => f.severity === 'non-breaking')
      ? 'minor'
      : 'none';
  const baseVersion = versionOf(base);
  const revisionVersion = versionOf(revision);
  const actualBump = bumpOf(baseVersion, revisionVersion);
  const findings = sortFindings([
    ...changes,
    ...versionFindings(baseVersion, revisionVersion, requiredBump, actualBump),
  ]);
  return {
    base: side(base),
    revision: side(revision),
    summary: {
      breaking: findings.filter((f) => f.severity === 'breaking').length,
      nonBreaking: findings.filter((f) => f.severity === 'non-breaking').length,
      info: findings.filter((f) => f.severity === 'info').length,
      requiredBump,
      actualBump,
    },
    findings,
  };
}
