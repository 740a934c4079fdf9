// How long a user waits: from the command to the first accepted WebSocket connection, npm's own
// start included for `npm run mock`. Each attempt a new process; the median reported.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { DEFAULT_DEV_SECRET } from '../../mock-server/gateway/jwt.js';
import { buildFixtureWorld } from '../../mock-server/world/fixtures.js';
import { freePort } from '../spawned.js';
import type { StartupRun } from '../types.js';
import type { Scenario, StartupResult } from './types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GIVE_UP_MS = 30_000;

/** Whether a WebSocket opens as user 12 now. */
function opens(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chats/`, ['Bearer', token]);
    ws.once('open', () => (ws.terminate(), resolve(true)));
    ws.once('error', () => resolve(false));
    ws.once('unexpected-response', () => resolve(false));
  });
}

async function timeToFirstConnection(
  command: string,
  args: (port: number) => string[],
  token: string,
): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args(port), { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'], detached: true });
  try {
    while (!(await opens(port, token))) {
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`${command} accepted no connection within ${GIVE_UP_MS} ms`);
      if (child.exitCode !== null)
        throw new Error(`${command} exited (code ${child.exitCode}) before accepting a connection`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

export const startup: Scenario = {
  name: 'startup',
  title: 'From the command to the first accepted connection',
  measures:
    '`npm run mock` started (npm itself included), then a WebSocket opened as user 12 every 5 ms until one is ' +
    'accepted; the time from the start to that connection. Also the compiled bin started with node directly ' +
    '(what `npm run mock` runs once npm install built it). Each attempt a new process; the median of the attempts.',
  async run(context) {
    const attempts = context.quick ? 1 : 5;
    const token =
      buildFixtureWorld({ seed: 42, secret: DEFAULT_DEV_SECRET }).users.find((u) => u.id === 12)?.token ?? '';
    const commands: { label: string; command: string; args: (port: number) => string[] }[] = [
      {
        label: 'npm run mock',
        command: 'npm',
        args: (port) => ['run', 'mock', '--', '--port', String(port), '--no-bots'],
      },
      {
        label: 'node dist/mock-server/cli.js',
        command: process.execPath,
        args: (port) => ['dist/mock-server/cli.js', '--port', String(port), '--no-bots'],
      },
    ];
    const runs: StartupRun[] = [];
    for (const { label, command, args } of commands) {
      const runsMs: number[] = [];
      for (let i = 0; i < attempts; i++) {
        context.progress(`startup: ${label} (${i + 1}/${attempts})`);
        runsMs.push(await timeToFirstConnection(command, args, token));
      }
      const sorted = [...runsMs].sort((a, b) => a - b);
      runs.push({ command: label, runsMs, medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN });
    }
    const npm = runs[0]?.medianMs ?? Number.NaN;
    return {
      kind: 'startup',
      settings: { attempts },
      runs,
      goals: [
        { name: '`npm run mock` to the first accepted connection (ms)', target: '< 1000', value: npm, met: npm < 1000 },
      ],
    } satisfies StartupResult;
  },
};
