import type { LoadResult, IdleRun, ServerKind } from '../types.js';
import { benchUsers } from '../world.js';
import { SERVERS } from './socket.js';
import type { IdleResult, Scenario } from './types.js';

const KIB = 1024;

export const idle: Scenario = {
  name: 'idle',
  title: 'Memory per idle connection',
  measures:
    'N authenticated connections, one per user, opened and left idle (each one announced to the others with ' +
    'set_online). The server process is read after a full GC before and after: retained = (heap used + external) ' +
    "after - before, over N: what the server's objects hold per connection. RSS after - before, over N, is shown too: " +
    'it also counts allocator slack and heap growth, so it is an upper bound and noisier.',
  async run(context) {
    const connections = context.quick ? 200 : 1000;
    const users = benchUsers(context.world, 1, connections);
    const runs = {} as Record<ServerKind, IdleRun>;
    for (const kind of SERVERS) {
      context.progress(`idle: ${kind} server, ${connections} connections`);
      const server = await context.startServer(kind);
      try {
        await context.generator.call('open', {
          driver: 'idle',
          params: { wsUrl: server.wsUrl, users, concurrency: 16 },
        });
        const before = await server.memory();
        await server.mark();
        await context.generator.call<LoadResult>('load', connections, 120_000);
        const stats = await server.stats();
        const after = await server.memory();
        const heap = (after.heapUsedBytes - before.heapUsedBytes) / connections;
        const external = (after.externalBytes - before.externalBytes) / connections;
        runs[kind] = {
          connections,
          retainedPerConnectionBytes: heap + external,
          heapPerConnectionBytes: heap,
          externalPerConnectionBytes: external,
          rssPerConnectionBytes: (after.rssBytes - before.rssBytes) / connections,
          peakRssBytes: stats.peakRssBytes,
          peakHeapBytes: stats.peakHeapBytes,
          serverCpuMs: stats.cpuUserMs + stats.cpuSystemMs,
        };
      } finally {
        await context.generator.call('close', null, 30_000).catch(() => {});
        await server.close();
      }
    }
    const { bare, mock } = runs;
    const retainedKib = mock.retainedPerConnectionBytes / KIB;
    return {
      kind: 'idle',
      settings: { connections },
      runs,
      ratio: {
        retainedPerConnection: mock.retainedPerConnectionBytes / bare.retainedPerConnectionBytes,
        rssPerConnection: mock.rssPerConnectionBytes / bare.rssPerConnectionBytes,
      },
      goals: [
        {
          name: 'mock memory per idle connection, heap + external (KiB)',
          target: '< 20',
          value: retainedKib,
          met: retainedKib < 20,
        },
      ],
    } satisfies IdleResult;
  },
};
