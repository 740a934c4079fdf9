// What `npm pack` ships: what consumers need (built code, types, schemas, the spec) and nothing
// of the repository's own machinery (sources, tests, scripts, fixtures).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { SPEC_DOCUMENTS } from '../../scripts/docs-versions.js';

const run = promisify(execFile);

describe('npm pack', () => {
  it('ships only what consumers need', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path);
    // The docs site that prepare (npm install) and prepack build: a front page, a stamp, one page per version.
    const siteFiles = ['site/index.html', 'site/build.json', ...SPEC_DOCUMENTS.map((d) => `site/${d.id}/index.html`)];
    expect(fs.existsSync(path.join(ROOT, 'site', 'build.json')), 'site/ is not built: run npm run docs').toBe(true);
    expect(files.filter((f) => f.startsWith('site/')).sort()).toEqual([...siteFiles].sort());
    for (const needed of [
      'package.json',
      'README.md',
      'asyncapi.yaml',
      'generated/asyncapi.json',
      'schemas/common.json',
      'schemas/client/new_message.json',
      'schemas/server/error.json',
      'dist/protocol/index.js',
      'dist/protocol/index.d.ts',
      'dist/generated/validators.js',
      'dist/generated/types.d.ts',
      'dist/mock-server/index.js',
      'dist/mock-server/cli.js',
      'dist/conformance/cli.js',
    ]) {
      expect(files, needed).toContain(needed);
    }
    const unwanted = files.filter(
      (f) =>
        /^(test|scripts|fixtures|bench|node_modules|\.ci|\.github)\//.test(f) ||
        (f.startsWith('site/') && !siteFiles.includes(f)) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')) ||
        f.startsWith('dist/test/'),
    );
    expect(unwanted).toEqual([]);
  }, 60_000);
});
