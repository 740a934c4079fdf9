// Sources, JSON and YAML included, are formatted as Prettier formats them (`npx prettier --write .`).
// Prettier's cache (node_modules/.cache/prettier, keyed on each file's content) skips the files
// that were checked unchanged before.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';

describe('formatting', () => {
  it('matches prettier --check (run `npx prettier --write .` when this fails)', async () => {
    const prettier = path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs');
    const result = await promisify(execFile)(
      process.execPath,
      [prettier, '--check', '--cache', '--cache-strategy', 'content', '.'],
      { cwd: ROOT },
    ).then(
      () => ({ code: 0, output: '' }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? 1,
        output: `${err.stdout}${err.stderr}`,
      }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
