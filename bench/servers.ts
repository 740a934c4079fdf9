// The parent's handle on a server process (bench/server-process.ts).
import { ChildWorker } from './ipc.js';
import type { StartServer } from './server-process.js';
import type { MemorySnapshot, ServerKind, ServerStarted, ServerStats } from './types.js';

export interface ServerHandle {
  kind: ServerKind;
  wsUrl: string;
  /** Starts a measured phase (after a full GC): CPU time and peak memory count from here. */
  mark(): Promise<void>;
  stats(): Promise<ServerStats>;
  /** Memory after a full GC. */
  memory(): Promise<MemorySnapshot>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The world file the mock loads. */
  fixtures: string;
  /** Write a V8 CPU profile of the server's measured phase to this file. */
  profileFile?: string | undefined;
  /** Run the server on this CPU only (Linux, with taskset). */
  cpu?: number | undefined;
}

export async function startServer(kind: ServerKind, options: ServerOptions): Promise<ServerHandle> {
  const module = new URL('./server-process.ts', import.meta.url);
  const worker = ChildWorker.start(`${kind} server`, module, ['--expose-gc'], options.cpu);
  try {
    const request: StartServer = {
      kind,
      ...(kind === 'mock' ? { fixtures: options.fixtures } : {}),
      ...(options.profileFile ? { profileFile: options.profileFile } : {}),
    };
    const { wsUrl } = await worker.call<ServerStarted>('start', request, 60_000);
    return {
      kind,
      wsUrl,
      mark: () => worker.call('mark'),
      stats: () => worker.call('stats'),
      memory: () => worker.call('memory'),
      async close() {
        await worker.call('close', null, 10_000).catch(() => {});
        await worker.stop();
      },
    };
  } catch (err) {
    await worker.stop(1000);
    throw err;
  }
}
