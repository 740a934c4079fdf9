// Guards against the malware releases of 2026 (@asyncapi/generator 3.3.1, @asyncapi/specs 6.11.2):
// `npm audit` cannot reach its advisory endpoint here, so the lockfile itself is checked.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPROMISED_VERSIONS, compromisedEntries, type LockEntry } from '../helpers/compromised.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const manifest = readJson('package.json') as Manifest;
const lock = readJson('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockEntry> };

const asyncapiDeps = [
  manifest.dependencies,
  manifest.devDependencies,
  manifest.optionalDependencies,
  manifest.peerDependencies,
].flatMap((deps) => Object.entries(deps ?? {}).filter(([name]) => name.startsWith('@asyncapi/')));

describe('package-lock.json', () => {
  it('is committed, in a format that lists every installed package', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(1);
  });

  it.each(Object.entries(COMPROMISED_VERSIONS))('resolves no compromised version of %s (%j)', (name) => {
    const hits = compromisedEntries(lock.packages).filter((hit) => hit.includes(` -> ${name}@`));
    expect(hits).toEqual([]);
  });

  it('finds a compromised version where there is one (the guard is not vacuous)', () => {
    expect(
      compromisedEntries({
        '': { name: 'x', version: '1.0.0' },
        'node_modules/@asyncapi/generator': { version: '3.3.1' },
        'node_modules/a/node_modules/@asyncapi/specs': { version: '6.11.2' },
        'node_modules/aliased': { name: '@asyncapi/specs', version: '6.11.2' },
        'node_modules/other': {
          version: '1.0.0',
          resolved: 'https://registry.npmjs.org/@asyncapi/specs/-/specs-6.11.2.tgz',
        },
        'node_modules/@asyncapi/specs': { version: '6.11.1' },
      }),
    ).toEqual([
      'node_modules/@asyncapi/generator -> @asyncapi/generator@3.3.1',
      'node_modules/a/node_modules/@asyncapi/specs -> @asyncapi/specs@6.11.2',
      'node_modules/aliased -> @asyncapi/specs@6.11.2',
      'node_modules/other -> @asyncapi/specs@6.11.2',
    ]);
  });
});

describe('package.json', () => {
  it('depends on @asyncapi/generator, @asyncapi/generator-react-sdk and @asyncapi/parser', () => {
    expect(asyncapiDeps.map(([name]) => name)).toEqual(
      expect.arrayContaining(['@asyncapi/generator', '@asyncapi/generator-react-sdk', '@asyncapi/parser']),
    );
  });

  it.each(asyncapiDeps)('pins %s exactly (%s), as the lockfile installs it', (name, range) => {
    expect(range, `${name} must be an exact version, without ^ or ~`).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(lock.packages[`node_modules/${name}`]?.version).toBe(range);
    const root = lock.packages[''] as Manifest | undefined;
    const locked = { ...root?.dependencies, ...root?.devDependencies, ...root?.optionalDependencies };
    expect(locked[name], 'package-lock.json is out of date with package.json: run npm install').toBe(range);
  });

  it('uses @asyncapi/generator 2.11.0, the last one that runs on Node 20', () => {
    expect(asyncapiDeps.find(([name]) => name === '@asyncapi/generator')?.[1]).toBe('2.11.0');
  });
});
