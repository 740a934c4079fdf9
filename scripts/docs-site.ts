// Builds the static HTML docs site from asyncapi.yaml with @asyncapi/generator and
// @asyncapi/html-template, both resolved from this package's node_modules (never downloaded).
//
// Safe to import() from a running server: the generator runs in a child process (it sets
// `window`/`document` globals, installs source-map-support and peaks near 0.8 GB), the result is
// written to a temporary folder and renamed into place, and failures are thrown, never exit.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--generate-into';
const CHILD_TIMEOUT_MS = 5 * 60_000;
const LOCK_WAIT_MS = 10 * 60_000;
/** Output of the generator that says nothing to the user (Babel on the template's 2.5 MB bundle). */
const NOISE = /^\[BABEL\] Note: The code generator has deoptimised the styling/;

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
export const SPEC_FILE = path.join(PACKAGE_ROOT, 'asyncapi.yaml');
export const DEFAULT_SITE_DIR = path.join(PACKAGE_ROOT, 'site');

const requireFromRoot = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

/** The template's folder, by absolute path: given by name, the generator would try `npm install`. */
export function templateDir(): string {
  try {
    return path.dirname(requireFromRoot.resolve('@asyncapi/html-template/package.json'));
  } catch {
    throw new Error(
      `@asyncapi/html-template is not installed in ${PACKAGE_ROOT}/node_modules; run \`npm ci\` there ` +
        '(it is a devDependency: the docs site is built from a clone of the repository, not from the published package).',
    );
  }
}

export interface BuildOptions {
  /** Receives progress lines (and the generator's own output). */
  log?: (line: string) => void;
}

const inFlight = new Map<string, Promise<{ outDir: string; ms: number }>>();

/**
 * Generates the site into `outDir` (created or replaced; its index.html is self-contained). A
 * relative `outDir` is taken from the package root. Concurrent calls for the same folder share one
 * build; a failed build throws and leaves the previous site in place.
 */
export function buildDocsSite(
  outDir: string = DEFAULT_SITE_DIR,
  options: BuildOptions = {},
): Promise<{ outDir: string; ms: number }> {
  const target = path.resolve(PACKAGE_ROOT, outDir);
  const running = inFlight.get(target);
  if (running) return running;
  const build = buildOnce(target, options.log ?? (() => {})).finally(() => inFlight.delete(target));
  inFlight.set(target, build);
  return build;
}

async function buildOnce(outDir: string, log: (line: string) => void): Promise<{ outDir: string; ms: number }> {
  const started = performance.now();
  assertReplaceable(outDir);
  const template = templateDir();
  const version = (requireFromRoot('@asyncapi/html-template/package.json') as { version: string }).version;
  log(
    `Generating the docs site from ${path.relative(process.cwd(), SPEC_FILE) || SPEC_FILE} with @asyncapi/html-template ${version}...`,
  );
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  removeLeftovers(outDir);
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmpDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${suffix}`);
  // The generator transpiles the template into its own __transpiled/ folder: one build at a time.
  const releaseLock = await acquireLock(fs.realpathSync(template), log);
  try {
    await runChild(tmpDir, log);
    const index = path.join(tmpDir, 'index.html');
    if (!fs.existsSync(index) || fs.statSync(index).size === 0) {
      throw new Error(`The generator finished but wrote no index.html into ${tmpDir}.`);
    }
    swapInto(tmpDir, outDir, suffix);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    releaseLock();
  }
  return { outDir, ms: Math.round(performance.now() - started) };
}

/** What html-template writes; a folder holding anything else is not replaced. */
const SITE_ENTRIES = new Set(['index.html', 'index.pdf', 'css', 'js']);

function assertReplaceable(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory()) throw new Error(`Refusing to replace ${outDir}: it is a file, not a folder.`);
  const stranger = fs.readdirSync(outDir).find((entry) => !SITE_ENTRIES.has(entry));
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
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: 'true' },
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim() && !NOISE.test(line)) log(`  ${line}`);
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
      reject(
        new Error(
          `Generating the docs site from ${SPEC_FILE} failed: the generator ${why}.\n${output.trim().slice(-4000)}`,
        ),
      );
    });
  });
}

/** A cross-process lock: a folder created atomically, holding the owner's pid; stale owners are ignored. */
async function acquireLock(template: string, log: (line: string) => void): Promise<() => void> {
  const hash = createHash('sha256').update(template).digest('hex').slice(0, 12);
  const lockDir = path.join(os.tmpdir(), `asyncapi-html-template-${hash}.lock`);
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

/** In the child process: run the generator itself. */
async function generateInto(dir: string): Promise<void> {
  const { default: Generator } = await import('@asyncapi/generator');
  const generator = new Generator(templateDir(), dir, {
    forceWrite: true,
    install: false,
    compile: true, // the published __transpiled/ files require a path on the template's CI machine
    templateParams: { singleFile: 'true' },
  });
  await generator.generateFromFile(SPEC_FILE);
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
