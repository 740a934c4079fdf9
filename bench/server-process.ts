// Child process: runs one server (the bare baseline, or the mock with its log silent, for the pinned
// rows) and reports its own CPU time and memory, so that the load generator's work never counts as
// the server's.
import { writeFile, mkdir } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { serve } from './ipc.js';
import { startBareServer } from './bare-server.js';
import type { MemorySnapshot, ServerStarted, ServerStats } from './types.js';

export interface StartServer {
  /** The bare baseline, or the mock in this process with its log silent. */
  kind: 'bare' | 'mock';
  /** For the mock: the world JSON file to load (users, projects, messages). */
  fixtures?: string;
  /** Write a V8 CPU profile (.cpuprofile) of each measured phase, from `mark` to `stats`, here. */
  profileFile?: string;
}

const SAMPLE_MS = 20;

let close: (() => Promise<void>) | null = null;
let profileFile: string | undefined;
let profiler: Session | null = null;
let cpuMark = process.cpuUsage();
let peakRss = 0;
let peakHeap = 0;

function sample(): void {
  const { rss, heapUsed } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  if (heapUsed > peakHeap) peakHeap = heapUsed;
}
setInterval(sample, SAMPLE_MS).unref();

async function startMock(fixtures: string | undefined): Promise<{ wsUrl: string; close(): Promise<void> }> {
  const { startMockServer } = await import('../mock-server/index.js');
  const server = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    bots: false,
    log: 'silent',
    seed: 42,
    // No per-connection frame limit (the default too): the bench measures speed, not throttling.
    rateLimit: null,
    ...(fixtures ? { fixtures } : {}),
  });
  return { wsUrl: server.wsUrl, close: () => server.close() };
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
};

serve({
  async start(options: StartServer): Promise<ServerStarted> {
    const server = options.kind === 'bare' ? await startBareServer() : await startMock(options.fixtures);
    close = server.close;
    profileFile = options.profileFile;
    return { wsUrl: server.wsUrl, pid: process.pid };
  },
  /** Starts a measured phase: CPU time and peaks count from here. */
  async mark(): Promise<void> {
    collect();
    if (profileFile) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    }
    cpuMark = process.cpuUsage();
    peakRss = 0;
    peakHeap = 0;
    sample();
  },
  async stats(): Promise<ServerStats> {
    sample();
    const cpu = process.cpuUsage(cpuMark);
    if (profiler && profileFile) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      await mkdir(dirname(profileFile), { recursive: true });
      await writeFile(profileFile, JSON.stringify(profile));
    }
    return {
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      peakRssBytes: peakRss,
      peakHeapBytes: peakHeap,
    };
  },
  /** Memory after a full garbage collection (the process runs with --expose-gc). */
  memory(): MemorySnapshot {
    collect();
    const { rss, heapUsed, external } = process.memoryUsage();
    return { rssBytes: rss, heapUsedBytes: heapUsed, externalBytes: external };
  },
  async close(): Promise<void> {
    await close?.();
    close = null;
    setImmediate(() => process.exit(0));
  },
});
