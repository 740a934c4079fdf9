// The connection load: new connections, each of a user not yet online, at most `window` at a time.
// A connection counts as done when an observer, connected all along, receives the set_online the
// server sends for its user; it is then closed and its user goes back to the end of the queue.
import type WebSocket from 'ws';
import { Latencies, cpuMeter } from '../stats.js';
import type { BenchUser, LoadResult } from '../types.js';
import { connect, openAll, settle, terminateAll } from './clients.js';
import type { Session } from './windowed.js';

export interface ChurnParams {
  wsUrl: string;
  observer: BenchUser;
  /** Users to connect as, in turn; more of them than `window`, so that a user's last close is long done when it comes round again. */
  pool: readonly BenchUser[];
  window: number;
  timeoutMs: number;
}

const ONLINE = /"type":"set_online"/;
const USER_ID = /"user_id":(\d+)/;

export async function openChurn(params: ChurnParams): Promise<Session> {
  const observer = await openAll(params.wsUrl, [params.observer]);
  await settle(observer);
  const queue = [...params.pool];
  const closing = new Set<WebSocket>();

  function load(count: number): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const latencies = new Latencies(count);
      const unexpected = { count: 0, sample: null as string | null };
      const inFlight = new Map<number, { ws: WebSocket; startedAt: number; user: BenchUser }>();
      let remaining = count;
      let deliveries = 0;
      let failed = false;

      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        clearTimeout(timer);
        observer.onFrame = () => {};
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`phase not done after ${params.timeoutMs} ms: ${latencies.count}/${count} connections`)),
        params.timeoutMs,
      );

      const pump = (): void => {
        while (!failed && remaining > 0 && inFlight.size < params.window && queue.length > 0) {
          const user = queue.shift() as BenchUser;
          remaining--;
          const ws = connect(params.wsUrl, user);
          inFlight.set(user.id, { ws, startedAt: performance.now(), user });
          ws.on('message', () => deliveries++);
          ws.once('unexpected-response', (_req, res) =>
            fail(new Error(`connection of user ${user.id} refused: HTTP ${res.statusCode}`)),
          );
          ws.once('close', () => {
            closing.delete(ws);
            queue.push(user);
            pump();
          });
        }
      };

      observer.onFrame = (_connection, data) => {
        deliveries++;
        const text = data.toString('latin1');
        if (!ONLINE.test(text)) {
          if (!text.includes('"set_offline"')) {
            unexpected.count++;
            unexpected.sample ??= text.slice(0, 500);
          }
          return;
        }
        const userId = Number(USER_ID.exec(text)?.[1]);
        const entry = inFlight.get(userId);
        if (!entry) return;
        latencies.add(performance.now() - entry.startedAt);
        inFlight.delete(userId);
        closing.add(entry.ws);
        entry.ws.close();
        if (latencies.count === count) {
          const end = performance.now();
          clearTimeout(timer);
          observer.onFrame = () => {};
          resolve({
            operations: count,
            deliveries,
            expectedDeliveries: count,
            durationMs: end - start,
            latencyMs: latencies.summary(),
            generatorCpu: generatorCpu(),
            unexpected,
          });
        } else {
          pump();
        }
      };

      const generatorCpu = cpuMeter();
      const start = performance.now();
      pump();
    });
  }

  return {
    async load(count) {
      const result = await load(count);
      // Let the last closes finish, so the next phase starts from the observer alone.
      const deadline = performance.now() + 10_000;
      while (closing.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await settle(observer, 100);
      return result;
    },
    async close() {
      terminateAll([...observer.sockets, ...closing]);
    },
  };
}
