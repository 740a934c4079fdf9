// The published package.json, without what only the repository needs. `npm pack` / `npm publish`
// read package.json after `prepack` and pack it as it is on disk; so the last step of `prepack`
// (`strip`) writes the published manifest, keeping the repository's in a backup next to it, and
// `postpack` (`restore`) puts it back. A pack that died in between leaves the backup: `strip`
// and `restore` both put it back first, so the repository's manifest is never lost.
//
//   tsx scripts/pack-manifest.ts strip     # package.json -> the published manifest
//   tsx scripts/pack-manifest.ts restore   # back to the repository's
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The repository's manifest while a pack runs (git-ignored). */
export const BACKUP_NAME = '.package.json.prepack';

/**
 * Scripts a consumer of the published package never runs, or must not: `prepare` (it builds from
 * sources the tarball does not contain), the pack hooks, and the development scripts.
 */
const REPOSITORY_ONLY = new Set(['prepare', 'prepack', 'postpack', 'pretest']);

type Manifest = Record<string, unknown> & { scripts?: Record<string, string> };

/** The manifest as published: without `prepare` and the other repository-only scripts. */
export function publishedManifest(manifest: Manifest): Manifest {
  const { scripts, ...rest } = manifest;
  const kept = Object.fromEntries(Object.entries(scripts ?? {}).filter(([name]) => !REPOSITORY_ONLY.has(name)));
  return Object.keys(kept).length > 0 ? { ...rest, scripts: kept } : rest;
}

/** Puts the repository's manifest back in `dir` if a backup is there; true when it did. */
export function restore(dir = ROOT): boolean {
  const backup = path.join(dir, BACKUP_NAME);
  if (!fs.existsSync(backup)) return false;
  fs.renameSync(backup, path.join(dir, 'package.json'));
  return true;
}

/** Writes the published manifest over `dir`'s package.json, keeping the original in the backup. */
export function strip(dir = ROOT): void {
  restore(dir);
  const manifest = path.join(dir, 'package.json');
  const text = fs.readFileSync(manifest, 'utf8');
  const published = publishedManifest(JSON.parse(text) as Manifest);
  fs.writeFileSync(path.join(dir, BACKUP_NAME), text);
  fs.writeFileSync(manifest, `${JSON.stringify(published, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const command = process.argv[2];
  if (command === 'strip') strip();
  else if (command === 'restore') restore();
  else {
    console.error('usage: tsx scripts/pack-manifest.ts strip|restore');
    process.exitCode = 2;
  }
}
