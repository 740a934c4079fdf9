// Semantic versions: which bump `info.version` made, and whether it announces the changes found.
// A breaking change needs a major bump, a non-breaking one a minor bump; in 0.x the minor part acts
// as the major one and the patch part as the minor one (as npm's ^ ranges read them). A pre-release
// of the same version (2.0.0-rc.1 -> 2.0.0-rc.2 or 2.0.0) may change anything.
import type { Bump } from './types.js';

interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export function parseSemver(version: string | null): SemVer | undefined {
  const m = version ? SEMVER.exec(version) : null;
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? '' };
}

const core = (v: SemVer): [number, number, number] => [v.major, v.minor, v.patch];

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function bumpOf(baseVersion: string | null, revisionVersion: string | null): Bump {
  const b = parseSemver(baseVersion);
  const r = parseSemver(revisionVersion);
  if (!b || !r) return 'invalid';
  const [bx, by, bz] = core(b);
  const [rx, ry, rz] = core(r);
  const order = rx - bx || ry - by || rz - bz || comparePre(r.pre, b.pre);
  if (order < 0) return 'downgrade';
  if (order === 0) return 'none';
  if (b.pre && rx === bx && ry === by && rz === bz) return 'prerelease';
  if (rx > bx) return 'major';
  if (bx === 0) {
    if (ry > by) return 'major';
    return rz > bz ? 'minor' : 'prerelease';
  }
  if (ry > by) return 'minor';
  return rz > bz ? 'patch' : 'prerelease';
}

const LEVEL: Record<Bump, number> = {
  invalid: -1,
  downgrade: -1,
  none: 0,
  patch: 1,
  minor: 2,
  major: 3,
  prerelease: 3,
};

/** Whether a bump announces changes that need `required`. */
export function announces(bump: Bump, required: 'major' | 'minor' | 'none'): boolean {
  return required === 'none' || LEVEL[bump] >= LEVEL[required];
}

/** The smallest version after `version` that makes the bump `required`. */
export function nextVersion(version: string | null, required: 'major' | 'minor'): string | undefined {
  const v = parseSemver(version);
  if (!v) return undefined;
  if (v.major === 0) return required === 'major' ? `0.${v.minor + 1}.0` : `0.${v.minor}.${v.patch + 1}`;
  return required === 'major' ? `${v.major + 1}.0.0` : `${v.major}.${v.minor + 1}.0`;
}
