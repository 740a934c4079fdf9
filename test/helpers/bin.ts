// How tests run the package's commands as child processes: the compiled bin (dist/, what an
// installed package runs, and about twice as quick to start) when it is at least as new as every
// source it is built from; otherwise the TypeScript source through tsx, so a test never runs
// stale code (`npm test` builds dist/ first, in its pretest).
import path from 'node:path';
import { ROOT, compiledIfFresh } from '../../scripts/lib/fresh-build.mjs';

/** `node` arguments that run `source` (e.g. `mock-server/cli.ts`): its compiled copy when fresh. */
export function binArgs(source: string): string[] {
  const compiled = compiledIfFresh(source);
  return compiled ? [compiled] : ['--import', 'tsx', path.join(ROOT, source)];
}
