// The parent's handle on a server, whoever serves: the bare baseline and the pinned pair in a
// process the bench runs itself (bench/server-process.ts, which reports its own heap and can be
// profiled), the mock as `npm run mock` starts it and the peer in processes of their own
// (bench/spawned.ts, figures from /proc).
import { fileURLToPath } from 'node:url';
import { ChildWorker } from './ipc.js';
import { spawnMockoon } from './peer.js';
import type { StartServer } from './server-process.js';
import { spawnMockAsRun, spawnedHandle } from './spawned.js';
import type { MemorySnapshot, ServerKind, ServerStarted, ServerStats } from './types.js';

export interface ServerHandle {
  kind: ServerKind;
  wsUrl: string;
  /** Starts a measured phase: CPU time and peak memory count from here. */
  mark(): Promise<void>;
  stats(): Promise<ServerStats>;
  /** Memory now (after a full GC for a server of the bench's own process). */
  memory(): Promise<MemorySnapshot>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The world file the mock loads. */
  fixtures: string;
  /** A folder for files a server needs (the peer's environment). */
  scratch: string;
  /** Where the peer is installed (see peer.ts). */
  peerDir?: string | undefined;
  /** Write a V8 CPU profile of the server's measured phase to this file (the bench's own processes). */
  profileFile?: string | undefined;
  /** The CPU the pinned servers run on. */
  cpu: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function startServer(kind: ServerKind, options: ServerOptions): Promise<ServerHandle> {
  switch (kind) {
    case 'mock':
      return spawnedHandle(kind, await spawnMockAsRun(ROOT, options.fixtures));
    case 'mock-silent':
      return spawnedHandle(kind, await spawnMockAsRun(ROOT, options.fixtures, ['--log', 'silent']));
    case 'mockoon':
      if (!options.peerDir) throw new Error('the peer is not installed');
      return spawnedHandle(kind, await spawnMockoon(options.peerDir, options.scratch));
    case 'bare':
    case 'bare-pinned':
    case 'mock-pinned':
      return startOwnServer(kind, options);
  }
}

async function startOwnServer(kind: ServerKind, options: ServerOptions): Promise<ServerHandle> {
  const module = new URL('./server-process.ts', import.meta.url);
  const pinned = kind !== 'bare';
  const worker = ChildWorker.start(`${kind} server`, module, ['--expose-gc'], pinned ? options.cpu : undefined);
  try {
    const request: StartServer = {
      kind: kind === 'mock-pinned' ? 'mock' : 'bare',
      ...(kind === 'mock-pinned' ? { fixtures: options.fixtures } : {}),
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
