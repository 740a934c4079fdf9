// Idle connections: open them, one per user, and leave them be while the server's memory is read.
import { Latencies, cpuMeter } from '../stats.js';
import type { BenchUser, LoadResult } from '../types.js';
import { openAll, settle, terminateAll, type Clients } from './clients.js';
import type { Session } from './windowed.js';

export interface IdleParams {
  wsUrl: string;
  users: readonly BenchUser[];
  concurrency: number;
}

export async function openIdle(params: IdleParams): Promise<Session> {
  let opened: Clients | null = null;
  return {
    /** Opens `count` connections, waits for the presence frames to stop, and leaves them open. */
    async load(count) {
      const users = params.users.slice(0, count);
      if (users.length < count) throw new Error(`only ${users.length} users for ${count} idle connections`);
      const generatorCpu = cpuMeter();
      const start = performance.now();
      let deliveries = 0;
      // Every frame before the handler is set is presence; count them from the first socket on.
      const clients = await openAll(params.wsUrl, users, params.concurrency);
      clients.onFrame = () => deliveries++;
      const durationMs = performance.now() - start;
      await settle(clients, 200);
      opened = clients;
      const latencies = new Latencies(1);
      latencies.add(durationMs / count);
      return {
        operations: count,
        deliveries,
        expectedDeliveries: 0,
        durationMs,
        latencyMs: latencies.summary(),
        generatorCpu: generatorCpu(),
        unexpected: { count: 0, sample: null },
      };
    },
    async close() {
      if (opened) terminateAll(opened.sockets);
    },
  };
}
