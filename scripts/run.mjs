#!/usr/bin/env node
// `npm run mock` (and the other commands' npm scripts): runs a command of the package in this
// process, the compiled JavaScript in dist/ when it is up to date with the sources (what
// `npm install` builds: starting takes no compile step), else the TypeScript source through tsx,
// so an edit is never run stale.
//   node scripts/run.mjs mock-server/cli.ts --port 9000
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, compiledIfFresh } from './lib/fresh-build.mjs';

const [source, ...args] = process.argv.slice(2);
if (!source) {
  process.stderr.write('usage: node scripts/run.mjs <source.ts> [arguments]\n');
  process.exit(2);
}
const compiled = compiledIfFresh(source);
// The command reads its arguments from process.argv, as if it had been started itself.
process.argv = [process.argv[0] ?? 'node', compiled ?? path.join(ROOT, source), ...args];
if (!compiled) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(pathToFileURL(process.argv[1]).href);
