// 1,000 concurrent sockets doing mixed traffic on 127.0.0.1: every message stored once and
// delivered once to every member socket; then memory returns to its baseline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { startTestServer, until } from '../mock/helpers.js';
import { PeakMemory, figures, mib, settledHeap } from '../hardening/helpers.js';
import { openMany, runMixedTraffic } from '../hardening/load-harness.js';
import { UNCAPPED, stressWorld } from './world.js';

const USERS = 250;
const PER_USER = 4;
const FRAMES = 20;

let server: MockServer;

beforeAll(async () => {
  server = await startTestServer({ fixtures: stressWorld(USERS, 40, 12), maxMessages: UNCAPPED });
});

afterAll(async () => {
  await server.close();
});

describe('1,000 concurrent connections', () => {
  it('mixed traffic: nothing lost, nothing twice, memory back to its baseline', async () => {
    // Warm up (code compiled, traffic log filled), then the baseline.
    const warm = await openMany(
      server,
      Array.from({ length: 50 }, (_, i) => (i % USERS) + 1),
    );
    await runMixedTraffic(server, warm, { frames: 30, seed: 1 });
    await Promise.all(warm.map((c) => c.close()));
    await until(() => server.stats().connections === 0, 10_000);
    await server.reset();
    const baseline = await settledHeap();

    const peak = new PeakMemory();
    const started = Date.now();
    const userIds = Array.from({ length: USERS * PER_USER }, (_, i) => (i % USERS) + 1);
    const clients = await openMany(server, userIds, { validate: false });
    expect(server.stats().connections).toBe(1000);
    const opened = Date.now();
    const result = await runMixedTraffic(server, clients, { frames: FRAMES, seed: 11 });
    const trafficMs = Date.now() - opened;
    await Promise.all(clients.map((c) => c.close()));
    await until(() => server.stats().connections === 0, 30_000);
    const memory = peak.stop();
    const stats = server.stats();
    clients.length = 0;
    await server.reset();
    const after = await settledHeap();

    figures('load 1000', {
      connections: result.connections,
      frames_sent: result.framesSent,
      messages: result.messagesSent,
      delivered: result.deliveriesReceived,
      lost: result.lost,
      duplicates: result.duplicates,
      frames_out: stats.framesOut,
      connect_ms: opened - started,
      traffic_ms: trafficMs,
      peak_rss_mib: memory.rssMiB,
      peak_heap_mib: memory.heapMiB,
      heap_baseline_mib: mib(baseline),
      heap_after_mib: mib(after),
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, messagesInState: result.messagesSent });
    expect(result.deliveriesReceived).toBe(result.deliveriesExpected);
    expect(result.typing.received).toBe(result.typing.expected);
    expect(result.reads.received).toBe(result.reads.expected);
    expect(result.errors.received).toBe(result.errors.expected);
    expect(stats).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
    expect(after - baseline).toBeLessThan(8 * 2 ** 20);
  });
});
