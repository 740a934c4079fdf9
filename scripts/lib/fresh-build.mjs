// Whether dist/ (built by `npm install`'s prepare, and by `npm run build`) is at least as new as
// every source it is compiled from: then the package's commands can run the compiled JavaScript,
// about twice as quick to start as the TypeScript through tsx, and never stale code. Plain
// JavaScript, so that `node` runs it before anything is compiled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folders and files dist/ is compiled from (tsconfig.build.json's include). */
export const SOURCES = ['protocol', 'generated', 'mock-server', 'conformance', 'spec-diff', 'testing', 'cli', 'cli.ts'];

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

let newestSource;

/**
 * The compiled copy of `source` (a path relative to the package root, e.g. `mock-server/cli.ts`)
 * when it is at least as new as every source; null when it is missing or older.
 */
export function compiledIfFresh(source) {
  const compiled = path.join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
  const built = fs.statSync(compiled, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  newestSource ??= Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return built > 0 && built >= newestSource ? compiled : null;
}
