// The windowed load: some connections send frames, each keeping at most `window` of them in
// flight, and a frame counts as done when its first delivery back to the generator arrives.
import type WebSocket from 'ws';
import { Latencies, cpuMeter } from '../stats.js';
import type { BenchUser, LoadResult } from '../types.js';
import { openAll, settle, terminateAll, type Clients } from './clients.js';

/** Where a sent frame's latency ends. */
export type Attribution =
  /**
   * The frame's text carries `bench <sender> <seq>`; the latency ends when the sender's own
   * connection receives it back.
   */
  | { kind: 'marker' }
  /**
   * The frame carries nothing to tell it apart (user_typing): connection i receives only the
   * frames of sender `peerOf[i]`, in the order sent, and the latency ends at that delivery.
   */
  | { kind: 'peer'; peerOf: readonly number[]; expect: string };

export interface WindowedParams {
  wsUrl: string;
  /** One connection per user, opened in this order. */
  users: readonly BenchUser[];
  /** The sending connections (indexes into `users`) and the frame each sends. */
  senders: readonly { connection: number; frame: string }[];
  /** Frames in flight per sender. */
  window: number;
  /** Deliveries one frame makes, over all of the generator's connections. */
  deliveriesPerFrame: number;
  attribution: Attribution;
  timeoutMs: number;
}

export const MARKER = '{marker}';
const MARKER_PATTERN = /bench (\d+) (\d+)/;
/** Once every frame is back, how long to wait for deliveries still on their way. */
const DELIVERY_GRACE_MS = 5000;

interface Sender {
  ws: WebSocket;
  head: string;
  tail: string;
  seq: number;
  /** Send times by sequence number (marker), or a ring of the frames in flight (peer). */
  sentAt: Float64Array;
  ringHead: number;
}

export interface Session {
  load(count: number): Promise<LoadResult>;
  close(): Promise<void>;
}

export async function openWindowed(params: WindowedParams): Promise<Session> {
  const clients: Clients = await openAll(params.wsUrl, params.users);
  await settle(clients);
  const { attribution, window } = params;
  const senderOf = new Int32Array(params.users.length).fill(-1);
  const senders: Sender[] = params.senders.map((plan, index) => {
    senderOf[plan.connection] = index;
    const [head, tail = ''] = plan.frame.split(MARKER) as [string, string?];
    return {
      ws: clients.sockets[plan.connection] as WebSocket,
      head,
      tail,
      seq: 0,
      sentAt: new Float64Array(0),
      ringHead: 0,
    };
  });

  function load(count: number): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const latencies = new Latencies(count);
      const expectedDeliveries = count * params.deliveriesPerFrame;
      const unexpected = { count: 0, sample: null as string | null };
      let remaining = count;
      let deliveries = 0;
      let finished = false;
      let graceTimer: NodeJS.Timeout | undefined;
      for (const s of senders) {
        s.seq = 0;
        s.ringHead = 0;
        s.sentAt = new Float64Array(attribution.kind === 'marker' ? count : window);
      }

      const send = (index: number): void => {
        const s = senders[index] as Sender;
        remaining--;
        const seq = s.seq++;
        if (attribution.kind === 'marker') {
          s.sentAt[seq] = performance.now();
          s.ws.send(`${s.head}bench ${index} ${seq}${s.tail}`);
        } else {
          s.sentAt[seq % window] = performance.now();
          s.ws.send(s.head);
        }
      };
      const done = (index: number, sentAt: number, now: number): void => {
        latencies.add(now - sentAt);
        if (remaining > 0) send(index);
      };
      const odd = (data: Buffer): void => {
        unexpected.count++;
        unexpected.sample ??= data.toString('utf8', 0, 500);
      };

      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `phase not done after ${params.timeoutMs} ms: ${latencies.count}/${count} frames back, ` +
              `${deliveries}/${expectedDeliveries} deliveries, unexpected frames: ${unexpected.count} ${unexpected.sample ?? ''}`,
          ),
        );
      }, params.timeoutMs);
      const finish = (): void => {
        finished = true;
        clearTimeout(timer);
        clearTimeout(graceTimer);
        clients.onFrame = () => {};
      };
      const complete = (): void => {
        const end = performance.now();
        finish();
        resolve({
          operations: latencies.count,
          deliveries,
          expectedDeliveries,
          durationMs: end - start,
          latencyMs: latencies.summary(),
          generatorCpu: generatorCpu(),
          unexpected,
        });
      };
      const check = (): void => {
        if (latencies.count < count || finished) return;
        if (deliveries >= expectedDeliveries) complete();
        else graceTimer ??= setTimeout(complete, DELIVERY_GRACE_MS);
      };

      clients.onFrame =
        attribution.kind === 'marker'
          ? (connection, data) => {
              deliveries++;
              const own = senderOf[connection] as number;
              if (own < 0) return check();
              const match = MARKER_PATTERN.exec(data.toString('latin1'));
              if (!match) return odd(data);
              if (Number(match[1]) === own)
                done(own, (senders[own] as Sender).sentAt[Number(match[2])] as number, performance.now());
              check();
            }
          : (connection, data) => {
              deliveries++;
              if (!data.includes(attribution.expect)) return odd(data);
              const from = attribution.peerOf[connection] as number;
              const s = senders[from] as Sender;
              done(from, s.sentAt[s.ringHead++ % window] as number, performance.now());
              check();
            };

      const generatorCpu = cpuMeter();
      const start = performance.now();
      for (let round = 0; round < window; round++) {
        for (let index = 0; index < senders.length && remaining > 0; index++) send(index);
      }
    });
  }

  return {
    load,
    async close() {
      terminateAll(clients.sockets);
    },
  };
}
