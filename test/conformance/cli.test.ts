// The command line as a backend team runs it: once as a real process through `npm run -s
// conformance` (stdout must hold the JSON report and nothing else), and in-process for the rest,
// against the fake backend served from this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conformanceCli } from '../../conformance/cli-main.js';
import type { Report } from '../../conformance/index.js';
import { startFakeBackend, type FakeBackend } from './fake-backend.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real process: `npm run -s conformance -- <args>`. */
function spawnCli(args: readonly string[], env: Record<string, string>, timeoutMs = 50_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'conformance', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
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

/** The same command, in this process. */
async function runCli(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await conformanceCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

let backend: FakeBackend | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await backend?.close();
  backend = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const usersArgs = ['--user', '12:token-12', '--user', '23:token-23'];
// A long timeout costs nothing when every frame arrives, and spares a loaded machine false alarms.
const FAST = ['--timeout', '2000', '--settle', '60'];

describe('conformance CLI', () => {
  it('through npm run -s: exit 0, the JSON report alone on stdout, tokens from the environment and a file, JUnit XML', async () => {
    backend = await startFakeBackend();
    dir = mkdtempSync(join(tmpdir(), 'conformance-cli-'));
    const tokenFile = join(dir, 'token-23');
    writeFileSync(tokenFile, 'token-23\n');
    const junit = join(dir, 'conformance.xml');
    const run = await spawnCli(
      [
        '--url',
        backend.url,
        '--user',
        '12:env:CONFORMANCE_TOKEN_12',
        '--user',
        `23:file:${tokenFile}`,
        '--outsider',
        '40:env:CONFORMANCE_TOKEN_40',
        '--project',
        '7',
        ...FAST,
        '--json',
        '--junit',
        junit,
      ],
      { CONFORMANCE_TOKEN_12: 'token-12', CONFORMANCE_TOKEN_40: 'token-40' },
    );
    const failed = (JSON.parse(run.stdout) as Report).checks.filter((c) => c.status !== 'pass');
    expect(failed.map((c) => `${c.name}: ${c.problems.join(' | ') || c.reason}`)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('{\n')).toBe(true);
    const report = JSON.parse(run.stdout) as Report;
    expect(report).toMatchObject({ ok: true, projectId: 7, outsider: 40, leftBehind: [] });
    expect(report.summary).toMatchObject({ failed: 0, blocked: 0, skipped: 0 });
    expect(run.stdout).not.toContain('token-12');
    expect(run.stderr).toMatch(/^PASS {5}presence\.disconnect$/m);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="chats-ws-conformance" tests="41" failures="0" errors="0" skipped="0"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(41);
  }, 60_000);

  it('exits 1 against a broken server, naming the failing check and showing its frames', async () => {
    backend = await startFakeBackend({ defects: ['forget-second-participant'] });
    const run = await runCli(['--url', backend.url, ...usersArgs, '--timeout', '600', '--settle', '60']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {5}direct\.new_message\.recipients +B#1 received no new_message within 600 ms$/m);
    expect(run.stdout).toMatch(/^ {9}\+ +0 ms {2}A#1 → \{"type":"new_message"/m);
    expect(run.stdout).toMatch(/^SKIP {5}project\.new_message\.recipients +no --project given/m);
    expect(run.stdout).toMatch(/DOES NOT CONFORM\n$/);
    expect(run.stderr).toMatch(/^FAIL {5}direct\.new_message\.recipients$/m);
  });

  it('runs only the checks named, and traces their frames on stderr', async () => {
    backend = await startFakeBackend();
    vi.stubEnv('CONFORMANCE_TOKEN_23', 'token-23');
    const run = await runCli([
      '--url',
      backend.url,
      '--user',
      '12:token-12',
      '--user',
      '23:env:CONFORMANCE_TOKEN_23',
      ...FAST,
      '--only',
      'errors.invalid_json,auth.missing-token',
      '--skip',
      'auth',
      '--trace',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PASS {5}errors\.invalid_json +refused with "invalid_json"/m);
    expect(run.stdout).toMatch(/^SKIP {5}auth\.missing-token +left out \(--skip auth\)$/m);
    expect(run.stdout).toMatch(
      /^SKIP {5}direct\.new_message\.content +not selected \(--only errors\.invalid_json,auth\.missing-token\)$/m,
    );
    expect(run.stderr).toMatch(/^── errors\.invalid_json {2}\(\d{4}-\d\d-\d\dT[\d:.]+Z\)$/m);
    expect(run.stderr).toMatch(/^ {3}\+ +\d+ ms {2}A#1 → \{"type": "new_message", "content": \{$/m);
    expect(run.stderr).toMatch(/^ {3}\+ +\d+ ms {2}A#1 ← \{"type":"error","error":"The frame is not valid JSON/m);
  });

  it('exits 2 on a wrong command line', async () => {
    const url = ['--url', 'ws://127.0.0.1:1/ws/chats/'];
    const cases: [string[], string][] = [
      [[...url, '--user', '12:t'], 'exactly two --user <id:token> are required'],
      [[...url, '--user', 'twelve'], 'expected <id>:<token>, <id>:env:<VARIABLE> or <id>:file:<path>'],
      [
        [...url, '--user', '12:env:CONFORMANCE_NOT_SET'],
        'user 12: the environment variable CONFORMANCE_NOT_SET is not set or empty',
      ],
      [[...url, '--user', '12:file:/nonexistent/token'], 'user 12: cannot read /nonexistent/token'],
      [[...url, '--user', '12:a', '--user', '12:b'], 'the two users must differ'],
      [[...url, ...usersArgs, '--outsider', '23:c'], '--outsider must be a third user, not 23 (A or B)'],
      [
        [...url, ...usersArgs, '--only', 'direkt'],
        '--only direkt: no check has that name or prefix (see --list-checks)',
      ],
      [[...url, ...usersArgs, '--timeout', 'soon'], 'expected a number of milliseconds'],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('shows examples in --help, and lists the checks with what they need', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx chats-ws-conformance --url ws://localhost:8000/ws/chats/');
    expect(help.stdout).toContain('npx chats-ws-conformance --url wss://staging.example.com/ws/chats/');
    expect(help.stdout).toContain('npm run -s conformance --');
    for (const flag of ['--outsider', '--strict', '--only', '--skip', '--junit', '--trace', '--version'])
      expect(help.stdout).toContain(flag);
    const list = await runCli(['--list-checks']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^auth\.header +optional +The upgrade is accepted/m);
    expect(list.stdout).toMatch(/^project\.new_message\.recipients +required, --project +/m);
    expect(list.stdout).toMatch(/^project\.not-member +required, --project, --outsider +/m);
  });
});
