// The diff ships in the package (`chats-ws-protocol diff`, `chats-ws-protocol/diff`): what it imports
// must be a runtime dependency, and light. @asyncapi/parser stays a dev-only tool.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
};

function imports(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...fs.readFileSync(path.join(ROOT, dir, f), 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map(
        (m) => m[1] as string,
      ),
    );
}

describe('the shipped diff', () => {
  it('imports only node built-ins, its own modules and runtime dependencies', () => {
    const bare = imports('spec-diff').filter((s) => !s.startsWith('.'));
    const packages = [...new Set(bare.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)))].sort();
    expect(packages).toEqual(['commander', 'yaml']);
    for (const name of packages) expect(manifest.dependencies[name], name).toBeDefined();
  });

  it('is exported as chats-ws-protocol/diff and runs as npm run diff', () => {
    expect(manifest.exports['./diff']).toEqual({
      types: './dist/spec-diff/index.d.ts',
      default: './dist/spec-diff/index.js',
    });
    expect(manifest.scripts.diff).toBe('tsx cli.ts diff');
  });
});

describe('npm pack', () => {
  it('ships the built diff and its types', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
    });
    const files = (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
    for (const needed of [
      'dist/spec-diff/index.js',
      'dist/spec-diff/index.d.ts',
      'dist/spec-diff/command.js',
      'dist/cli.js',
    ])
      expect(files, needed).toContain(needed);
  }, 60_000);
});
