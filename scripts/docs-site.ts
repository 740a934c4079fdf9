// Builds the HTML docs site: one page per spec document (scripts/docs-versions.ts), rendered by
// @asyncapi/generator with this package's own template (docs-template/, React render engine),
// plus a front page that opens the current version and a stamp (build.json) of the inputs.
//
// Safe to import() from a running server (the mock does): the generator runs in a child process,
// the result is written to a temporary folder and renamed into place, a build whose inputs have
// not changed is skipped, and failures are thrown, never exit.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STAMP_FILE, type SiteStamp, type SiteState, engineVersions, inputsHash, siteState } from './docs-inputs.js';
import { CHANGELOGS, SPEC_DOCUMENTS, currentDocument, siteEntries as switcherEntries } from './docs-versions.js';
import { writeChangelogs } from './docs-changelog.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--generate-into';
const CHILD_TIMEOUT_MS = 5 * 60_000;
const LOCK_WAIT_MS = 10 * 60_000;
/** The most one page of the site may weigh (its HTML, with the inlined CSS and script): a build over it fails. */
export const PAGE_BUDGET_BYTES = 500 * 1024;

/** The folder of this package's package.json, found upwards from this file (works from dist/ too). */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'chats-ws-protocol')
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json of chats-ws-protocol above ${from}.`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(THIS_FILE));
export const DEFAULT_SITE_DIR = path.join(PACKAGE_ROOT, 'site');
/** The template, by absolute path: given by name, the generator would try `npm install`. */
export const TEMPLATE_DIR = path.join(PACKAGE_ROOT, 'docs-template');

const requireFromRoot = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

/** Why the site cannot be built from this copy of the package, or null when it can. */
export function cannotBuildReason(): string | null {
  if (!fs.existsSync(path.join(TEMPLATE_DIR, 'package.json'))) {
    return `the docs template (${TEMPLATE_DIR}) is not here: the site is built from a clone of the repository`;
  }
  try {
    requireFromRoot.resolve('@asyncapi/generator/package.json');
    return null;
  } catch {
    return `@asyncapi/generator is not installed in ${PACKAGE_ROOT}/node_modules (a devDependency): run npm ci there`;
  }
}

/** Whether `outDir` holds a site built from the current inputs. */
export function docsSiteStatus(outDir: string = DEFAULT_SITE_DIR): SiteState {
  return siteState(PACKAGE_ROOT, path.resolve(PACKAGE_ROOT, outDir));
}

export interface BuildOptions {
  /** Receives progress lines (and the generator's own output). */
  log?: (line: string) => void;
  /** Build even when the site is up to date. */
  force?: boolean;
}

export interface BuildResult {
  outDir: string;
  /** Wall-clock time of this call. */
  ms: number;
  /** True when the site was already up to date and nothing was built. */
  skipped: boolean;
}

const inFlight = new Map<string, Promise<BuildResult>>();

/**
 * Builds the site into `outDir` (created or replaced as a whole; a relative path is taken from the
 * package root) unless it is already up to date with its inputs. Concurrent calls for the same
 * folder share one build, across processes too; a failed build throws and leaves the previous
 * site in place.
 */
export function buildDocsSite(outDir: string = DEFAULT_SITE_DIR, options: BuildOptions = {}): Promise<BuildResult> {
  const target = path.resolve(PACKAGE_ROOT, outDir);
  const running = inFlight.get(target);
  if (running) return running;
  const build = buildOnce(target, options).finally(() => inFlight.delete(target));
  inFlight.set(target, build);
  return build;
}

async function buildOnce(outDir: string, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const elapsed = (): number => Math.round(performance.now() - started);
  const upToDate = (): boolean => !options.force && siteState(PACKAGE_ROOT, outDir).state === 'fresh';
  if (upToDate()) return { outDir, ms: elapsed(), skipped: true };
  const reason = cannotBuildReason();
  if (reason) throw new Error(`Cannot build the docs site: ${reason}.`);
  assertReplaceable(outDir);
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  removeLeftovers(outDir);
  // The generator transpiles the template into its __transpiled/ folder: one build at a time.
  const releaseLock = await acquireLock(log);
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmpDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${suffix}`);
  try {
    // Another process may have built it while this one waited.
    if (upToDate()) return { outDir, ms: elapsed(), skipped: true };
    const hash = inputsHash(PACKAGE_ROOT);
    const engine = engineVersions(PACKAGE_ROOT);
    log(`Building the docs site (${SPEC_DOCUMENTS.map((d) => `${d.id}: ${d.spec}`).join(', ')}) with ${engine}...`);
    await runChild(tmpDir, log);
    const css = fs.readFileSync(path.join(TEMPLATE_DIR, 'assets', 'docs.css'), 'utf8');
    writeChangelogs(PACKAGE_ROOT, tmpDir, CHANGELOGS, SPEC_DOCUMENTS, switcherEntries(), css);
    for (const doc of [...SPEC_DOCUMENTS, ...CHANGELOGS]) {
      const page = path.join(tmpDir, doc.id, 'index.html');
      const size = fs.statSync(page, { throwIfNoEntry: false })?.size ?? 0;
      if (size === 0) throw new Error(`The generator finished but wrote no ${doc.id}/index.html.`);
      if (size > PAGE_BUDGET_BYTES) {
        throw new Error(
          `${doc.id}/index.html weighs ${Math.round(size / 1024)} KB, over the page budget of ${PAGE_BUDGET_BYTES / 1024} KB.`,
        );
      }
    }
    fs.writeFileSync(path.join(tmpDir, 'index.html'), frontPage());
    const stamp: SiteStamp = {
      inputsHash: hash,
      builtAt: new Date().toISOString(),
      buildMs: elapsed(),
      current: currentDocument().id,
      versions: SPEC_DOCUMENTS.map(({ id, label }) => ({ id, label })),
      changelogs: CHANGELOGS.map(({ id, label }) => ({ id, label })),
      engine,
    };
    fs.writeFileSync(path.join(tmpDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    swapInto(tmpDir, outDir, suffix);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    releaseLock();
  }
  return { outDir, ms: elapsed(), skipped: false };
}

/** site/index.html: opens the current version at once (GitHub Pages has no server redirects). */
function frontPage(): string {
  const current = currentDocument();
  const links = [
    ...SPEC_DOCUMENTS.map((d) => `<li><a href="${d.id}/">${d.label}</a> (${d.spec})</li>`),
    ...CHANGELOGS.map((c) => `<li><a href="${c.id}/">${c.label}</a></li>`),
  ].join('');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Protocol docs</title>` +
    `<meta http-equiv="refresh" content="0; url=${current.id}/"><link rel="canonical" href="${current.id}/">` +
    `<link rel="icon" href="data:,"></head><body><main><h1>Protocol docs</h1>` +
    `<p>Opening <a href="${current.id}/">${current.label}</a>…</p><ul>${links}</ul></main></body></html>\n`
  );
}

/** What a built site holds; a folder holding anything else is not replaced (nor an older html-template site's). */
function siteEntries(): Set<string> {
  return new Set([
    'index.html',
    STAMP_FILE,
    ...[...SPEC_DOCUMENTS, ...CHANGELOGS].map((d) => d.id),
    'css',
    'js',
    'index.pdf',
  ]);
}

function assertReplaceable(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory()) throw new Error(`Refusing to replace ${outDir}: it is a file, not a folder.`);
  const known = siteEntries();
  const stranger = fs.readdirSync(outDir).find((entry) => !known.has(entry));
  if (stranger !== undefined) {
    throw new Error(
      `Refusing to replace ${outDir}: it holds ${JSON.stringify(stranger)}, which a generated docs site does not. ` +
        'Choose an empty or new folder.',
    );
  }
}

/** Removes the temporary folders of builds whose process is gone (killed mid-build). */
function removeLeftovers(outDir: string): void {
  const pattern = new RegExp(`^\\.${path.basename(outDir).replace(/[^\w-]/g, '\\$&')}\\.(tmp|old)-(\\d+)-`);
  for (const entry of fs.readdirSync(path.dirname(outDir))) {
    const pid = Number(pattern.exec(entry)?.[2]);
    if (pid && !processAlive(pid)) fs.rmSync(path.join(path.dirname(outDir), entry), { recursive: true, force: true });
  }
}

/** Replaces `outDir` by `tmpDir`; `outDir` is missing only between two renames. */
function swapInto(tmpDir: string, outDir: string, suffix: string): void {
  const oldDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.old-${suffix}`);
  const hadOld = fs.existsSync(outDir);
  if (hadOld) fs.renameSync(outDir, oldDir);
  try {
    fs.renameSync(tmpDir, outDir);
  } catch (err) {
    if (hadOld) fs.renameSync(oldDir, outDir);
    throw new Error(`Could not move the new site into ${outDir}: ${(err as Error).message}`);
  }
  if (hadOld) fs.rmSync(oldDir, { recursive: true, force: true });
}

function runChild(tmpDir: string, log: (line: string) => void): Promise<void> {
  // Run this very file in a fresh Node; a .ts file needs tsx's loader, a compiled .js does not.
  const loader = THIS_FILE.endsWith('.ts') ? ['--import', pathToFileURL(requireFromRoot.resolve('tsx')).href] : [];
  const child = spawn(process.execPath, [...loader, THIS_FILE, CHILD_FLAG, tmpDir], {
    cwd: PACKAGE_ROOT,
    // stdin stays open as a lifeline: the child stops when this process goes away.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim()) log(`  ${line}`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Could not start the docs generator: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${CHILD_TIMEOUT_MS / 1000} s?` : ''})`
        : `exited with ${code}`;
      reject(new Error(`Generating the docs site failed: the generator ${why}.\n${output.trim().slice(-4000)}`));
    });
  });
}

/** A cross-process lock: a folder created atomically, holding the owner's pid; stale owners are ignored. */
async function acquireLock(log: (line: string) => void): Promise<() => void> {
  const hash = createHash('sha256').update(fs.realpathSync(TEMPLATE_DIR)).digest('hex').slice(0, 12);
  const lockDir = path.join(os.tmpdir(), `chats-ws-docs-template-${hash}.lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!lockOwnerAlive(lockDir)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`Another docs build has held ${lockDir} for over ${LOCK_WAIT_MS / 1000} s.`);
    if (!told) log('Waiting for another docs build to finish...');
    told = true;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function lockOwnerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Just created, pid not written yet: alive unless the folder is old.
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  return processAlive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** In the child process: render every spec document with the template, each into its folder. */
async function generateInto(dir: string): Promise<void> {
  const { default: Generator } = await import('@asyncapi/generator');
  const versions = JSON.stringify(switcherEntries());
  let first = true;
  for (const doc of SPEC_DOCUMENTS) {
    const generator = new Generator(TEMPLATE_DIR, path.join(dir, doc.id), {
      forceWrite: true,
      install: false,
      // Transpile the template (JSX) once per build; the next documents reuse __transpiled/.
      compile: first,
      templateParams: { versionId: doc.id, versions, builtFrom: doc.spec },
    });
    first = false;
    await generator.generateFromFile(path.join(PACKAGE_ROOT, doc.spec));
  }
}

if (process.argv[2] === CHILD_FLAG && process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  process.stdin.on('end', () => process.exit(1)).resume();
  generateInto(path.resolve(process.argv[3] ?? '')).then(
    () => process.exit(0),
    (err: unknown) => {
      const diagnostics = (err as { diagnostics?: unknown }).diagnostics;
      console.error(err instanceof Error ? err.message : String(err));
      if (diagnostics) console.error(JSON.stringify(diagnostics, null, 2));
      process.exit(1);
    },
  );
}
