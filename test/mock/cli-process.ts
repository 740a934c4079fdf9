// The package's commands (the mock's CLI, the proxy's, cli.ts) as child processes, for tests that
// run them as people do: its output, a wait for a line, its exit code. Every process runMockCli or
// runCli started is killed after each test; startMockCli's live until the caller kills them.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { binArgs } from '../helpers/bin.js';

const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The CLI, killed after the test that started it. */
export function runMockCli(args: string[]) {
  return runCli('mock-server/cli.ts', args);
}

/** Any of the package's commands (`cli.ts`, `mock-server/proxy/cli.ts`, …) as a child process. */
export function runCli(source: string, args: string[]) {
  const started = startCli(source, args);
  children.push(started.child);
  return started;
}

/** The CLI for a whole file of tests: the caller kills it (in an afterAll). */
export function startMockCli(args: string[]) {
  return startCli('mock-server/cli.ts', args);
}

function startCli(source: string, args: string[]) {
  const child = spawn(process.execPath, [...binArgs(source), ...args], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = stdout.match(pattern);
      if (match) return match;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${pattern} in output:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}
