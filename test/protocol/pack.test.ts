// What `npm pack` ships: what consumers need (built code, types, schemas, the spec) and nothing
// of the repository's own machinery (sources, tests, scripts, fixtures), with a manifest that has
// no `prepare` (the published package has no sources to build). The real `npm pack`, installed in
// a new project, is `npm run test:pack` (test/pack/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { BACKUP_NAME, publishedManifest, restore, strip } from '../../scripts/pack-manifest.js';
import { packedFiles } from '../helpers/consumer.js';
import { CHANGELOGS, SPEC_DOCUMENTS } from '../../scripts/docs-versions.js';

const manifestText = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { scripts: Record<string, string>; [key: string]: unknown };

describe('npm pack', () => {
  it('ships only what consumers need, and no compiled file without a source', async () => {
    const files = await packedFiles();
    // The docs site that prepare (npm install) and prepack build: a front page, a stamp, one page per version and changelog.
    const siteFiles = [
      'site/index.html',
      'site/build.json',
      ...[...SPEC_DOCUMENTS, ...CHANGELOGS].map((d) => `site/${d.id}/index.html`),
    ];
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
      'dist/testing/index.js',
      'dist/testing/index.d.ts',
      'dist/cli.js',
      // protocol version 2, beside version 1
      'protocols/v2/asyncapi.yaml',
      'protocols/v2/openapi.yaml',
      'protocols/v2/schemas/client/edit_message.json',
      'generated/v2/asyncapi.json',
      'generated/v2/openapi.json',
      'dist/protocol/v2/index.js',
      'dist/protocol/v2/index.d.ts',
      'dist/generated/v2/validators.js',
    ]) {
      expect(files, needed).toContain(needed);
    }
    const unwanted = files.filter(
      (f) =>
        /^(test|scripts|fixtures|bench|node_modules|\.ci|\.github)\//.test(f) ||
        (f.startsWith('site/') && !siteFiles.includes(f)) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')) ||
        f.startsWith('dist/test/') ||
        f === BACKUP_NAME,
    );
    expect(unwanted).toEqual([]);
    // `npm run build` starts from an empty dist/: no file left over from a module that moved.
    const orphans = files
      .filter((f) => f.startsWith('dist/'))
      .filter((f) => !fs.existsSync(path.join(ROOT, f.slice('dist/'.length).replace(/(\.d)?\.js$|\.d\.ts$/, '.ts'))));
    expect(orphans).toEqual([]);
  }, 60_000);

  it('exports ., ./v2, ./mock, ./testing, ./testing/v2 and ./conformance, each with its types', () => {
    const exports = manifest.exports as Record<string, { types?: string; default?: string } | string>;
    for (const key of ['.', './v2', './mock', './testing', './testing/v2', './conformance']) {
      expect(exports[key], key).toEqual({
        types: expect.stringMatching(/^\.\/dist\/.+\.d\.ts$/),
        default: expect.stringMatching(/^\.\/dist\/.+\.js$/),
      });
    }
  });

  it('builds once: prepack builds and writes the published manifest, postpack puts the repository one back', () => {
    expect(manifest.scripts.prepack).toBe(
      'npm run build && npm run inspector:build && npm run docs && tsx scripts/pack-manifest.ts strip',
    );
    expect(manifest.scripts.postpack).toBe('tsx scripts/pack-manifest.ts restore');
    // Without prepare in the manifest npm reads after prepack, npm pack does not build a second time.
    const published = publishedManifest(manifest);
    expect(Object.keys(published.scripts ?? {})).not.toContain('prepare');
    expect(Object.keys(published.scripts ?? {}).filter((s) => /^(pre|post)(pack|pare|test)/.test(s))).toEqual([]);
    expect({ ...published, scripts: undefined }).toEqual({ ...manifest, scripts: undefined });
  });

  it('strip and restore give back the manifest byte for byte, also after a pack that died in between', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-manifest-'));
    try {
      const file = path.join(dir, 'package.json');
      fs.writeFileSync(file, manifestText);
      strip(dir);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).scripts.prepare).toBeUndefined();
      strip(dir); // the last pack died before postpack: the backup is put back first, never overwritten
      expect(fs.readFileSync(path.join(dir, BACKUP_NAME), 'utf8')).toBe(manifestText);
      expect(restore(dir)).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toBe(manifestText);
      expect(restore(dir)).toBe(false);
      expect(fs.readdirSync(dir)).toEqual(['package.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
