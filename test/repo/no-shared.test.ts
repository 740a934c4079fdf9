// `../shared/` beside the repository is for the team, not the product: a user's clone has none,
// so nothing the project builds, runs or tests may point at it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';

describe('the repository', () => {
  it('never refers to ../shared in code, config or scripts', () => {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = listed
      .split('\n')
      .filter((f) => /\.(ts|mts|js|mjs|cjs|json|ya?ml|sh)$|^\.ci\/run$/.test(f) && f !== 'package-lock.json');
    const offenders = files.filter((f) => {
      if (f === 'test/repo/no-shared.test.ts' || !fs.existsSync(path.join(ROOT, f))) return false;
      return /\.\.\/shared\b|\/work\/shared\b/.test(fs.readFileSync(path.join(ROOT, f), 'utf8'));
    });
    expect(offenders).toEqual([]);
  });
});
