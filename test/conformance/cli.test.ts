// The command line, run as a backend team would: `npx tsx conformance/cli.ts ...`, against the fake
// backend served from this process (so the child is spawned asynchronously).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../conformance/index.js';
import { startFakeBackend, type FakeBackend } from './fake-backend.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: readonly string[], timeoutMs = 40_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'conformance/cli.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let backend: FakeBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const usersArgs = ['--user', '12:token-12', '--user', '23:token-23'];

describe('conformance CLI', () => {
  it('exits 0 and prints a JSON report against a conforming server', async () => {
    backend = await startFakeBackend();
    const run = await runCli([
      '--url',
      backend.url,
      ...usersArgs,
      '--project',
      '7',
      '--timeout',
      '1000',
      '--settle',
      '60',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.summary.failed).toBe(0);
    expect(report.summary.skipped).toBe(0);
    expect(report.projectId).toBe(7);
  }, 60_000);

  it('exits 1 against a broken server, naming the failing check in the text report', async () => {
    backend = await startFakeBackend({ defects: ['forget-second-participant'] });
    const run = await runCli(['--url', backend.url, ...usersArgs, '--timeout', '600', '--settle', '60']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}direct\.new_message\.recipients +B#1 received no new_message within 600 ms$/m);
    expect(run.stdout).toMatch(/^SKIP {2}project\.new_message\.recipients +no --project given/m);
    expect(run.stdout).toMatch(/DOES NOT CONFORM\n$/);
  }, 60_000);

  it('exits 2 on a wrong command line', async () => {
    const oneUser = await runCli(['--url', 'ws://127.0.0.1:1/ws/chats/', '--user', '12:t']);
    expect(oneUser.code).toBe(2);
    expect(oneUser.stderr).toContain('exactly two --user <id:token> are required');
    const badUser = await runCli(['--url', 'ws://127.0.0.1:1/ws/chats/', '--user', 'twelve']);
    expect(badUser.code).toBe(2);
    expect(badUser.stderr).toContain('expected <id>:<token>');
    const sameUser = await runCli(['--url', 'ws://127.0.0.1:1/ws/chats/', '--user', '12:a', '--user', '12:b']);
    expect(sameUser.code).toBe(2);
    expect(sameUser.stderr).toContain('the two users must differ');
  }, 60_000);

  it('shows an example in --help, and lists the checks', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx chats-ws-conformance --url ws://localhost:8000/ws/chats/');
    const list = await runCli(['--list-checks']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^auth\.header +optional +The upgrade is accepted/m);
    expect(list.stdout).toMatch(/^project\.new_message\.recipients +required, --project/m);
  }, 60_000);
});
