// info.version against the changes, and the exit code a report makes.
import { describe, expect, it } from 'vitest';
import { announces, bumpOf, exitCodeOf } from '../../spec-diff/index.js';
import { frame, object, report, type SpecShape } from './helpers.js';

const spec = (version: string, fields: string[]): SpecShape => ({
  version,
  client: {
    ping: frame('ping', object(Object.fromEntries(fields.map((f) => [f, { type: 'string' }])), fields.slice(1))),
  },
  server: {
    pong: frame('pong', object(Object.fromEntries(fields.map((f) => [f, { type: 'string' }])), fields.slice(1))),
  },
});
/** Breaking: `b` required in a client event -> removed. Non-breaking: an optional field in a server event only. */
const breaking = (from: string, to: string) => report(spec(from, ['a', 'b']), spec(to, ['a']));
const nonBreaking = (from: string, to: string) =>
  report(
    { version: from, server: { pong: frame('pong', object({ a: { type: 'string' } })) } },
    { version: to, server: { pong: frame('pong', object({ a: { type: 'string' }, c: { type: 'string' } }, ['c'])) } },
  );
const versionFindings = (r: ReturnType<typeof report>) =>
  r.findings.filter((f) => f.id.startsWith('version.')).map((f) => [f.id, f.severity, f.reason]);

describe('bumpOf', () => {
  it.each([
    ['1.0.0', '2.0.0', 'major'],
    ['1.0.0', '1.1.0', 'minor'],
    ['1.0.0', '1.0.1', 'patch'],
    ['1.0.0', '1.0.0', 'none'],
    ['1.2.0', '1.1.9', 'downgrade'],
    ['1.0.0', '1.0.0-rc.1', 'downgrade'],
    ['1.0.0', '2.0.0-rc.1', 'major'],
    ['2.0.0-rc.1', '2.0.0-rc.2', 'prerelease'],
    ['2.0.0-rc.1', '2.0.0', 'prerelease'],
    ['0.1.0', '0.2.0', 'major'],
    ['0.1.0', '0.1.1', 'minor'],
    ['0.9.0', '1.0.0', 'major'],
    ['1.0', '1.1.0', 'invalid'],
  ])('%s -> %s is %s', (from, to, bump) => {
    expect(bumpOf(from, to)).toBe(bump);
  });
  it('a pre-release step announces anything; a downgrade announces nothing', () => {
    expect(announces('prerelease', 'major')).toBe(true);
    expect(announces('downgrade', 'minor')).toBe(false);
    expect(announces('none', 'none')).toBe(true);
  });
});

describe('the version check', () => {
  it('a breaking change with a minor bump is itself breaking, and names the version to use', () => {
    const r = breaking('1.0.0', '1.1.0');
    expect(versionFindings(r)).toEqual([
      [
        'version.bump-too-small',
        'breaking',
        'info.version made a minor bump (1.0.0 -> 1.1.0), but breaking changes need a major bump: 2.0.0 or later',
      ],
      ['version.changed', 'info', 'info.version 1.0.0 -> 1.1.0 (a minor bump)'],
    ]);
    expect(r.summary).toMatchObject({ requiredBump: 'major', actualBump: 'minor' });
  });
  it('a breaking change with a major bump is announced', () => {
    const r = breaking('1.0.0', '2.0.0');
    expect(versionFindings(r)).toEqual([['version.changed', 'info', 'info.version 1.0.0 -> 2.0.0 (a major bump)']]);
  });
  it('in 0.x a minor bump announces a breaking change', () => {
    expect(versionFindings(breaking('0.1.0', '0.2.0'))).toEqual([
      ['version.changed', 'info', 'info.version 0.1.0 -> 0.2.0 (a major bump)'],
    ]);
    expect(versionFindings(breaking('0.1.0', '0.1.1'))[0]?.[2]).toBe(
      'info.version made a minor bump (0.1.0 -> 0.1.1), but breaking changes need a major bump: 0.2.0 or later',
    );
  });
  it('a non-breaking change needs a minor bump; unannounced, the finding is non-breaking', () => {
    expect(versionFindings(nonBreaking('1.0.0', '1.0.0'))).toEqual([
      [
        'version.bump-too-small',
        'non-breaking',
        'info.version is unchanged (1.0.0 -> 1.0.0), but non-breaking changes need at least a minor bump: 1.1.0 or later',
      ],
    ]);
    expect(versionFindings(nonBreaking('1.0.0', '1.1.0'))).toEqual([
      ['version.changed', 'info', 'info.version 1.0.0 -> 1.1.0 (a minor bump)'],
    ]);
  });
  it('a version that went down announces nothing', () => {
    expect(versionFindings(breaking('1.2.0', '1.1.0'))[0]?.[2]).toBe(
      'info.version went down (1.2.0 -> 1.1.0), but breaking changes need a major bump: 2.0.0 or later',
    );
  });
  it('a version that is not semver cannot announce the changes', () => {
    expect(versionFindings(breaking('1.0.0', 'v2'))).toEqual([
      [
        'version.invalid',
        'breaking',
        `The revision's info.version "v2" is not a semantic version, so it cannot announce changes (breaking changes need a major bump)`,
      ],
      ['version.changed', 'info', 'info.version 1.0.0 -> v2'],
    ]);
  });
  it('identical specs: no findings at all, exit 0 at every level', () => {
    const r = report(spec('1.0.0', ['a']), spec('1.0.0', ['a']));
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ breaking: 0, nonBreaking: 0, info: 0, requiredBump: 'none', actualBump: 'none' });
    expect(exitCodeOf(r, 'info')).toBe(0);
  });
});

describe('exitCodeOf', () => {
  it('--fail-on: 1 when a finding is at or above the level', () => {
    const r = nonBreaking('1.0.0', '1.1.0');
    expect(exitCodeOf(r, 'breaking')).toBe(0);
    expect(exitCodeOf(r, 'non-breaking')).toBe(1);
    expect(exitCodeOf(r, 'info')).toBe(1);
    expect(exitCodeOf(breaking('1.0.0', '2.0.0'), 'breaking')).toBe(1);
  });
  it('--semver: only changes the version does not announce count', () => {
    expect(exitCodeOf(breaking('1.0.0', '2.0.0'), 'breaking', true)).toBe(0);
    expect(exitCodeOf(breaking('1.0.0', '1.1.0'), 'breaking', true)).toBe(1);
    expect(exitCodeOf(nonBreaking('1.0.0', '1.0.0'), 'breaking', true)).toBe(0);
    expect(exitCodeOf(nonBreaking('1.0.0', '1.0.0'), 'non-breaking', true)).toBe(1);
  });
});
