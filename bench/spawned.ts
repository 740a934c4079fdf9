// Servers the bench starts as their users do, in processes of their own: the mock through
// `npm run mock` (logs on, piped to the bench, which reads them as a terminal would) and the peer
// (Mockoon's CLI). Their CPU time and memory are read from /proc, as `top` would.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import type { ServerHandle } from './servers.js';
import type { MemorySnapshot, ServerKind, ServerStats } from './types.js';

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 20;

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** User + system CPU time of a process, in ms. */
function cpuMs(pid: number): { user: number; system: number } {
  const stat = read(`/proc/${pid}/stat`);
  // The fields after the command name (which may hold spaces) start after its closing parenthesis.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ') ?? [];
  const ticks = (i: number) => Number(fields[i] ?? 0);
  return { user: (ticks(11) * 1000) / TICKS_PER_SECOND, system: (ticks(12) * 1000) / TICKS_PER_SECOND };
}

const rssBytes = (pid: number): number =>
  Number(/^VmRSS:\s+(\d+)/m.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0) * 1024;

/** The node process whose command line `matches` (the one npm started, not npm itself). */
function findProcess(matches: (args: readonly string[]) => boolean): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = read(`/proc/${entry}/cmdline`)?.split('\0') ?? [];
    if (args[0]?.endsWith('node') && matches(args)) return Number(entry);
  }
  return null;
}

export interface SpawnedServer {
  /** The command as run, e.g. `npm run mock -- --port 41234 …`. */
  command: string;
  child: ChildProcess;
  /** Resolves once the server said it listens (a line of its output matches). */
  ready: RegExp;
  /** The process to measure: the server's own node process (not npm's). */
  measured: () => number | null;
  wsUrl: string;
}

/** A handle on a spawned server: marks, /proc figures, and a close that ends its process group. */
export async function spawnedHandle(kind: ServerKind, server: SpawnedServer): Promise<ServerHandle> {
  const { child } = server;
  let output = '';
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited (code ${code}, signal ${signal})`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${server.command}: no "listening" within 60 s:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
      if (!server.ready.test(output.replace(/\u001b\[[0-9;]*m/g, ''))) return;
      clearTimeout(timer);
      // From here the output is read and dropped, as a terminal reads it.
      child.stdout?.off('data', onData);
      child.stdout?.on('data', () => undefined);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.once('exit', () => (clearTimeout(timer), reject(new Error(`${server.command} ${exited}:\n${output}`))));
  });
  const pid = server.measured();
  if (pid === null) throw new Error(`${server.command}: its node process was not found`);
  let peakRss = 0;
  let cpuMark = cpuMs(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(pid))), SAMPLE_MS);
  sampler.unref();
  return {
    kind,
    wsUrl: server.wsUrl,
    async mark() {
      cpuMark = cpuMs(pid);
      peakRss = rssBytes(pid);
    },
    async stats(): Promise<ServerStats> {
      const now = cpuMs(pid);
      peakRss = Math.max(peakRss, rssBytes(pid));
      return {
        cpuUserMs: now.user - cpuMark.user,
        cpuSystemMs: now.system - cpuMark.system,
        peakRssBytes: peakRss,
        peakHeapBytes: null,
      };
    },
    async memory(): Promise<MemorySnapshot> {
      return { rssBytes: rssBytes(pid), heapUsedBytes: null, externalBytes: null };
    },
    async close() {
      clearInterval(sampler);
      if (exited !== null || child.pid === undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const group = -child.pid;
      const signal = (name: NodeJS.Signals): void => {
        try {
          process.kill(group, name);
        } catch {
          // already gone
        }
      };
      signal('SIGINT');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** `npm run mock` with the bench's world, on a free port, as a user starts it (no bots: the load decides every frame). */
export async function spawnMockAsRun(root: string, fixtures: string, flags: string[] = []): Promise<SpawnedServer> {
  const port = await freePort();
  const args = ['run', 'mock', '--', '--port', String(port), '--no-bots', '--fixtures', fixtures, ...flags];
  const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return {
    command: `npm ${args.join(' ')}`,
    child,
    // With --log silent the banner still prints; either way its first line says where it listens.
    ready: /listening on http:\/\//,
    measured: () =>
      findProcess(
        (args) =>
          args.some((a) => a.endsWith('scripts/run.mjs') || a.endsWith('mock-server/cli.js')) &&
          args.includes(String(port)),
      ),
    wsUrl: `ws://127.0.0.1:${port}/ws/chats/`,
  };
}
