// Shared by every browser test of the package: Debian's Chromium driven by playwright-core.
// A browser test never skips: without Chromium it installs it (root with apt-get) or fails at once
// with the command to run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasAptGet(): boolean {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** The exact command to run when Chromium is missing and this process cannot install it. */
export function installAdvice(isRoot: boolean, hasApt: boolean): string {
  if (!hasApt) return `${INSTALL_COMMAND}   (as root, on Debian: this machine has no apt-get)`;
  return isRoot ? INSTALL_COMMAND : `sudo sh -c '${INSTALL_COMMAND}'`;
}

/**
 * Makes sure Chromium is at `executablePath` (default /usr/bin/chromium). When Debian's is
 * missing and this process is root with apt-get, installs the `chromium` package (printing apt's
 * output); otherwise throws with the exact command to run. Never skips.
 */
export async function ensureChromium(executablePath: string = CHROMIUM_PATH): Promise<string> {
  if (isExecutable(executablePath)) return executablePath;
  const isRoot = process.getuid?.() === 0;
  const apt = hasAptGet();
  const missing = `Chromium is missing at ${executablePath}; the browser tests need it.`;
  if (executablePath !== CHROMIUM_PATH || !isRoot || !apt) {
    throw new Error(`${missing} Install Debian's chromium with:\n  ${installAdvice(isRoot, apt)}`);
  }
  // Test files run in parallel processes: one apt-get at a time, then look again.
  const release = await lock(path.join(os.tmpdir(), 'chats-ws-protocol-apt-chromium.lock'));
  try {
    if (isExecutable(CHROMIUM_PATH)) return CHROMIUM_PATH;
    console.log(`${missing} Running as root: ${INSTALL_COMMAND}`);
    // Synchronous on purpose: no test timeout can fire (and tear the worker down) mid-dpkg.
    const result = spawnSync('sh', ['-c', INSTALL_COMMAND], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0 || !isExecutable(CHROMIUM_PATH)) {
      throw new Error(
        `Installing Chromium failed (${result.status === null ? `signal ${result.signal}` : `exit ${result.status}`}); ` +
          `${CHROMIUM_PATH} is still missing. Run as root:\n  ${INSTALL_COMMAND}`,
      );
    }
    return CHROMIUM_PATH;
  } finally {
    release();
  }
}

async function lock(dir: string): Promise<() => void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // A lock older than the longest install is left over from a killed run.
    const age = Date.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 15 * 60_000) fs.rmSync(dir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Waited too long for ${dir} (another Chromium install).`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Launches headless Debian Chromium (installing it first if needed, see ensureChromium), with `extraArgs` too. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** Every console error and uncaught page error of `page`, in order, as it happens. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** `test-output/<name>/` at the package root (git-ignored), created; for screenshots and traces. */
export function testOutputDir(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
  const dir = path.join(ROOT, 'test-output', safe);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
