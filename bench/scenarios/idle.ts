import type { IdleRun, LoadResult, ServerKind } from '../types.js';
import { benchUsers } from '../world.js';
import type { IdleResult, Scenario } from './types.js';

const KIB = 1024;
/** The servers whose memory per connection is compared: the bare server and the mock as users run it. */
const KINDS: readonly ServerKind[] = ['bare', 'mock'];
/** Connections per user: the bench world has 1000 users, the mock allows 20 per user. */
const PER_USER = 10;

export const idle: Scenario = {
  name: 'idle',
  title: 'Memory per idle connection',
  measures:
    'N authenticated connections (ten per user) opened and left idle, each announced to the others with set_online ' +
    "once per user. The server process's RSS is read before and after (after the connections settle): RSS after - " +
    'before, over N. For the mock this is the process `npm run mock` starts, its allocator slack and heap growth ' +
    'included.',
  async run(context) {
    const connections = context.quick ? 1000 : 10_000;
    const people = benchUsers(context.world, 1, connections / PER_USER);
    const users = Array.from({ length: connections }, (_, i) => people[i % people.length]!);
    const runs: Partial<Record<ServerKind, IdleRun>> = {};
    for (const kind of KINDS.filter((k) => context.lineup.includes(k))) {
      context.progress(`idle: ${kind}, ${connections} connections`);
      const server = await context.startServer(kind);
      try {
        await context.generator.call('open', {
          driver: 'idle',
          params: { wsUrl: server.wsUrl, users, concurrency: 32 },
        });
        await settle();
        const before = await server.memory();
        await server.mark();
        await context.generator.call<LoadResult>('load', connections, 300_000);
        await settle();
        const stats = await server.stats();
        const after = await server.memory();
        runs[kind] = {
          connections,
          rssPerConnectionBytes: (after.rssBytes - before.rssBytes) / connections,
          peakRssBytes: stats.peakRssBytes,
          serverCpuMs: stats.cpuUserMs + stats.cpuSystemMs,
        };
      } finally {
        await context.generator.call('close', null, 60_000).catch(() => {});
        await server.close();
      }
    }
    const perConnection = (kind: ServerKind) => runs[kind]?.rssPerConnectionBytes ?? Number.NaN;
    const mockKib = perConnection('mock') / KIB;
    return {
      kind: 'idle',
      settings: { connections },
      runs,
      ratio: { rssPerConnection: perConnection('mock') / perConnection('bare') },
      goals: Number.isFinite(mockKib)
        ? [{ name: 'mock RSS per idle connection (KiB)', target: '<= 20', value: mockKib, met: mockKib <= 20 }]
        : [],
    } satisfies IdleResult;
  },
};

/** A moment for sockets and timers to settle, so that RSS is read between bursts. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1000));
