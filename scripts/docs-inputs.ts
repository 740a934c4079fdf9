// What a docs build reads, and whether a built site still matches it: the site carries a stamp
// (build.json) with a hash of its inputs, so `npm run docs`, `prepare`, `prepack`, CI and the mock
// can all ask "is the site up to date?" in milliseconds and rebuild only when an input changed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CHANGELOGS, SPEC_DOCUMENTS, type SpecDocument } from './docs-versions.js';

/** build.json, written last into every built site. */
export interface SiteStamp {
  inputsHash: string;
  builtAt: string;
  buildMs: number;
  /** The version the front page opens. */
  current: string;
  versions: { id: string; label: string }[];
  /** The changelog pages between versions. */
  changelogs?: { id: string; label: string }[];
  engine: string;
}

/** `inputs`: the hash of the inputs as they are now (the stamp holds the one the site was built from). */
export type SiteState =
  | { state: 'fresh'; stamp: SiteStamp; inputs: string }
  | { state: 'stale'; stamp: SiteStamp; reason: string; inputs: string }
  | { state: 'missing'; reason: string; inputs: string };

export const STAMP_FILE = 'build.json';
/** The template and the build's own code: a change to either changes the site too. */
const BUILD_INPUTS = [
  'docs-template',
  'scripts/docs-site.ts',
  'scripts/docs-inputs.ts',
  'scripts/docs-versions.ts',
  // The changelog pages: the breaking-change check writes them.
  'scripts/docs-changelog.ts',
  'spec-diff',
];
/** The packages that render the site: another version may render it differently. */
export const ENGINE_PACKAGES = ['@asyncapi/generator', '@asyncapi/generator-react-sdk', 'markdown-it'];
/** Written by the generator into the template folder; not an input. */
const SKIPPED = new Set(['__transpiled', 'node_modules']);

function listFiles(root: string, relative: string, into: string[]): void {
  const full = path.join(root, relative);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) throw new Error(`The docs build input ${relative} is missing from ${root}.`);
  if (stat.isFile()) {
    into.push(relative.split(path.sep).join('/'));
    return;
  }
  for (const entry of fs.readdirSync(full).sort()) {
    if (!SKIPPED.has(entry)) listFiles(root, path.join(relative, entry), into);
  }
}

/** Every input file of a build, relative to `root`, sorted. */
export function inputFiles(root: string, documents: readonly SpecDocument[] = SPEC_DOCUMENTS): string[] {
  const files: string[] = [];
  for (const input of [...documents.flatMap((d) => d.inputs), ...BUILD_INPUTS]) listFiles(root, input, files);
  return [...new Set(files)].sort();
}

/** "@asyncapi/generator 2.11.0, …": the engine that renders the site. */
export function engineVersions(root: string): string {
  const require = createRequire(path.join(root, 'package.json'));
  return ENGINE_PACKAGES.map((name) => {
    const { version } = require(`${name}/package.json`) as { version: string };
    return `${name} ${version}`;
  }).join(', ');
}

/** A hash of the inputs' paths and contents, the document list and the engine's versions. */
export function inputsHash(root: string, documents: readonly SpecDocument[] = SPEC_DOCUMENTS): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(documents)).update('\0').update(engineVersions(root)).update('\0');
  for (const file of inputFiles(root, documents)) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export function readStamp(siteDir: string): SiteStamp | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(siteDir, STAMP_FILE), 'utf8')) as SiteStamp;
  } catch {
    return null;
  }
}

/** Whether `siteDir` holds a complete site built from the current inputs under `root`. */
export function siteState(
  root: string,
  siteDir: string,
  documents: readonly SpecDocument[] = SPEC_DOCUMENTS,
): SiteState {
  const inputs = inputsHash(root, documents);
  const stamp = readStamp(siteDir);
  if (!stamp) return { state: 'missing', reason: `${path.join(siteDir, STAMP_FILE)} is missing`, inputs };
  const pages = ['index.html', ...[...documents, ...CHANGELOGS].map((d) => `${d.id}/index.html`)];
  const absent = pages.find((page) => !fs.existsSync(path.join(siteDir, page)));
  if (absent) return { state: 'missing', reason: `${absent} is missing from ${siteDir}`, inputs };
  if (stamp.inputsHash !== inputs) {
    return {
      state: 'stale',
      stamp,
      reason: 'the spec, its schemas, the template or the engine changed since it was built',
      inputs,
    };
  }
  return { state: 'fresh', stamp, inputs };
}
