// The supply-chain half of the issue that test/repo/lockfile.test.ts (compromised versions, exact
// @asyncapi/* pins) does not cover: the lockfile is committed and CI installs from it with npm ci,
// and CI runs the stress tests too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
/** Shell and YAML lines that run something (comments left out). */
const commands = (text: string) => text.split('\n').filter((line) => !/^\s*#/.test(line));

describe('CI installs exactly what the lockfile says', () => {
  it('.ci/run installs with npm ci (never npm install) and runs npm test and every named suite', () => {
    const lines = commands(read('.ci/run'));
    expect(lines.some((l) => /\bnpm ci\b/.test(l))).toBe(true);
    expect(lines.filter((l) => /\bnpm (install|i)\b/.test(l))).toEqual([]);
    const suitesLine = lines.find((l) => /^suites=\(/.test(l.trim()));
    expect(suitesLine, 'a suites=(…) line in .ci/run').toBeDefined();
    const suites = /\((.*)\)/.exec(suitesLine ?? '')?.[1]?.split(/\s+/) ?? [];
    expect(lines.some((l) => /^npm run "\$suite"/.test(l.trim()))).toBe(true);
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = scripts.filter((name) => name === 'test' || (name.startsWith('test:') && name !== 'test:all'));
    expect(suites[0]).toBe('test');
    expect([...suites].sort()).toEqual([...named].sort());
  });

  it.each(readdirSync(path.join(ROOT, '.github/workflows')))('.github/workflows/%s installs with npm ci', (file) => {
    const lines = commands(read(`.github/workflows/${file}`));
    const installs = lines.filter((l) => /\bnpm (ci|install|i)\b/.test(l));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/\bnpm ci\b/);
  });

  it('saves exact versions when someone adds a dependency (.npmrc)', () => {
    expect(commands(read('.npmrc'))).toContain('save-exact=true');
  });

  it.skipIf(!existsSync(path.join(ROOT, '.git')))('package-lock.json is committed', () => {
    const tracked = execFileSync('git', ['ls-files', '--', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(tracked.trim()).toBe('package-lock.json');
  });
});
