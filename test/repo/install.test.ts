// `npm install` / `npm ci` print no warning on this Node: no package of the lockfile declares an
// engine this Node does not satisfy (EBADENGINE), and every package with an install script is
// named in package.json's allowScripts (npm 11's "install scripts not yet covered" advisory).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { nameOfLockKey } from '../helpers/compromised.js';

const { satisfies } = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
};

interface LockPackage {
  name?: string;
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const lock = readJson('package-lock.json') as { packages: Record<string, LockPackage> };
const manifest = readJson('package.json') as { allowScripts?: Record<string, boolean>; engines: { node: string } };
const installed = Object.entries(lock.packages).filter(([key]) => key !== '');

describe('a clean install', () => {
  it(`has no package that wants another Node than this one (${process.version})`, () => {
    const wanting = installed.flatMap(([key, pkg]) => {
      const range = !pkg.engines || Array.isArray(pkg.engines) ? undefined : pkg.engines.node;
      return range && !satisfies(process.version, range) ? [`${nameOfLockKey(key)}@${pkg.version}: ${range}`] : [];
    });
    expect(wanting).toEqual([]);
  });

  it('decides for every install script whether it runs (allowScripts)', () => {
    const allow = manifest.allowScripts ?? {};
    const decided = (name: string, version = ''): boolean => name in allow || `${name}@${version}` in allow;
    const undecided = installed
      .filter(([, pkg]) => pkg.hasInstallScript)
      .map(([key, pkg]) => [pkg.name ?? nameOfLockKey(key), pkg.version] as const)
      .filter(([name, version]) => !decided(name, version))
      .map(([name, version]) => `${name}@${version}`);
    expect(undecided).toEqual([]);
    // The telemetry script never runs; esbuild's binary download does (the inspector bundle needs it).
    expect(allow).toMatchObject({ '@scarf/scarf': false, esbuild: true });
  });

  it('names only packages of the lockfile in allowScripts (no stale entry)', () => {
    const names = new Set(installed.map(([key, pkg]) => pkg.name ?? nameOfLockKey(key)));
    const stale = Object.keys(manifest.allowScripts ?? {}).filter(
      (entry) => !names.has(entry.replace(/(.)@.*$/, '$1')),
    );
    expect(stale).toEqual([]);
  });
});
