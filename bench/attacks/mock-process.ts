// The mock as `npm run mock` starts it (node with tsx, default flags, the pretty log on and
// piped), in a child process of its own, so its RSS is its own; sampled every 50 ms from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface MockProcess {
  url: string;
  port: number;
  pid: number;
  /** RSS now, in MiB. */
  rssMiB(): number;
  /** The highest RSS sampled since the last reset, in MiB. */
  peakMiB(): number;
  resetPeak(): void;
  /** Whether the process is still running (it may have crashed). */
  alive(): boolean;
  /** How it ended, when it did. */
  exit(): string | null;
  stop(): Promise<void>;
}

const rssOf = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
};

export interface SpawnOptions {
  /** The checkout whose mock to run (default: this one). */
  dir: string;
  /** More flags for the mock (the attacks run it with defaults). */
  args?: string[];
  /** Run under this open-file limit (`ulimit -n`), as on a machine with the common default of 1024. */
  openFiles?: number;
}

/** Starts the mock and resolves once it printed the line with its URL. */
export function spawnMock(options: SpawnOptions): Promise<MockProcess> {
  const cli = path.join(options.dir, 'mock-server', 'cli.ts');
  const args = ['--import', 'tsx', cli, '--port', '0', '--no-bots', ...(options.args ?? [])];
  const command = options.openFiles
    ? spawn('sh', ['-c', `ulimit -n ${options.openFiles} && exec "$0" "$@"`, process.execPath, ...args], {
        cwd: options.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, args, { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return started(command);
}

function started(child: ChildProcess): Promise<MockProcess> {
  let peak = 0;
  let ended: string | null = null;
  let stderr = '';
  const pid = child.pid ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  sampler.unref();
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    ended = `exit ${code ?? ''}${signal ? ` (${signal})` : ''}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
    clearInterval(sampler);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (!match?.[1]) return;
      // From here on the log is only drained, as a terminal reads it.
      child.stdout?.off('data', onData);
      child.stdout?.on('data', () => undefined);
      const url = match[1].replace(/\u001b\[[0-9;]*m/g, '');
      resolve({
        url,
        port: Number(new URL(url).port),
        pid,
        rssMiB: () => rssOf(pid),
        peakMiB: () => Math.max(peak, rssOf(pid)),
        resetPeak: () => (peak = rssOf(pid)),
        alive: () => ended === null,
        exit: () => ended,
        stop: () =>
          new Promise<void>((done) => {
            if (ended !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGINT');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`the mock exited before it listened: ${ended ?? ''}`)));
    setTimeout(() => reject(new Error('the mock did not start within 30 s')), 30_000).unref();
  });
}
