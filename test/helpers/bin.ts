// How tests run the package's commands as child processes: the compiled bin (dist/, what an
// installed package runs, and about twice as quick to start) when it is at least as new as every
// source it is built from; otherwise the TypeScript source through tsx, so a test never runs
// stale code (`npm test` builds dist/ first, in its pretest).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/catalogue.js';

/** Folders and files dist/ is compiled from (tsconfig.build.json). */
const SOURCES = ['protocol', 'generated', 'mock-server', 'conformance', 'testing', 'cli', 'cli.ts'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

let newestSource: number | undefined;

/** `node` arguments that run `source` (e.g. `mock-server/cli.ts`): its compiled copy when fresh. */
export function binArgs(source: string): string[] {
  const compiled = path.join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
  const built = fs.statSync(compiled, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  newestSource ??= Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return built >= newestSource ? [compiled] : ['--import', 'tsx', path.join(ROOT, source)];
}
