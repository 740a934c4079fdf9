// Faults under load, on 127.0.0.1, bounded in count and time: hundreds of clients vanishing
// mid-frame and mid-handshake during traffic; slow readers that never read while a project chat
// is busy; a restart while hundreds of clients reconnect. After each: every accepted message is in
// the state once and reached every connected recipient once; memory returns to its baseline.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../mock-server/index.js';
import { startTestServer, tokenOf, until } from '../mock/helpers.js';
import { PeakMemory, figures, mib, settledHeap } from '../hardening/helpers.js';
import { keyOf, openMany, runMixedTraffic } from '../hardening/load-harness.js';
import { neverReads, vanishMidFrame, vanishMidHandshake } from '../hardening/raw-socket.js';
import { runRestart } from '../hardening/restart-harness.js';
import { UNCAPPED, stressWorld } from './world.js';

const MiB = 2 ** 20;

describe('clients that vanish', () => {
  it('800 vanish mid-frame or mid-handshake while 300 others do mixed traffic: nothing lost, nothing left', async () => {
    const server = await startTestServer({ fixtures: stressWorld(150, 20, 10), maxMessages: UNCAPPED });
    try {
      const stableUsers = Array.from({ length: 100 }, (_, i) => i + 1);
      const warm = await openMany(server, stableUsers.slice(0, 20));
      await runMixedTraffic(server, warm, { frames: 20 });
      await Promise.all(warm.map((c) => c.close()));
      await until(() => server.stats().connections === 0, 10_000);
      await server.reset();
      const baseline = await settledHeap();
      const peak = new PeakMemory();

      const clients = await openMany(
        server,
        stableUsers.flatMap((id) => [id, id, id]),
        { validate: false },
      );
      const onlineBefore = server.state().online;
      let vanished = 0;
      const vanish = async () => {
        // Users 101..150 have no other socket: each comes online and goes offline again.
        for (let batch = 0; batch < 40; batch++) {
          await Promise.all(
            Array.from({ length: 10 }, (_, k) => {
              const i = batch * 10 + k;
              const user = i % 2 ? (i % 100) + 1 : 101 + (i % 50);
              const token = tokenOf(server, user);
              const text = JSON.stringify({
                type: 'user_typing',
                content: { chat_type: 'project', chat_id: 1000 + (i % 20) },
              });
              return Promise.all([
                vanishMidFrame(server.port, token, text, 2 + (i % 40)),
                vanishMidHandshake(server.port, token, 1 + i),
              ]);
            }),
          );
          vanished += 20;
        }
      };
      const result = await runMixedTraffic(server, clients, { frames: 30, seed: 21, during: vanish, roundPauseMs: 5 });
      await until(() => server.stats().connections === clients.length, 10_000);
      expect(server.state().online).toEqual(onlineBefore);
      await Promise.all(clients.map((c) => c.close()));
      await until(() => server.stats().connections === 0, 10_000);
      const memory = peak.stop();
      clients.length = 0;
      await server.reset();
      const after = await settledHeap();
      figures('vanishing clients', {
        stable_connections: result.connections,
        vanished,
        messages: result.messagesSent,
        delivered: result.deliveriesReceived,
        lost: result.lost,
        peak_rss_mib: memory.rssMiB,
        peak_heap_mib: memory.heapMiB,
        heap_baseline_mib: mib(baseline),
        heap_after_mib: mib(after),
      });
      expect(vanished).toBe(800);
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ lost: 0, duplicates: 0, messagesInState: result.messagesSent });
      expect(result.deliveriesReceived).toBe(result.deliveriesExpected);
      expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
      expect(after - baseline).toBeLessThan(8 * MiB);
    } finally {
      await server.close();
    }
  });
});

describe('slow readers', () => {
  it('3 sockets that never read, in a busy project: dropped at 4 MiB unread, the others get every message once', async () => {
    const world = stressWorld(40, 4, 12);
    const server = await startTestServer({ fixtures: world, maxMessages: UNCAPPED });
    try {
      const project = world.projects[0];
      if (!project) throw new Error('no project');
      const members = [project.leader_id, ...project.collaborator_ids];
      const baseline = await settledHeap();
      const baseBuffers = process.memoryUsage().arrayBuffers;
      const peak = new PeakMemory(20);
      const fast = await openMany(server, members, { validate: false });
      const slow = await Promise.all(members.slice(0, 3).map((id) => neverReads(server.port, tokenOf(server, id))));
      const [first, second] = fast;
      if (!first || !second) throw new Error('no senders');
      const body = 'w'.repeat(8000);
      const MESSAGES = 2500;
      let sent = 0;
      while (sent < MESSAGES) {
        for (let i = 0; i < 50; i++, sent++) {
          (sent % 2 ? first : second).send({
            type: 'new_message',
            content: { chat_type: 'project', chat_id: project.id, message: `S:${sent} ${body}`, reply_to: null },
          });
        }
        await Promise.all([first.barrier(), second.barrier()]);
      }
      await Promise.all(fast.map((c) => c.barrier()));
      await until(() => server.stats().connections === fast.length, 10_000);
      const memory = peak.stop();
      const texts = [...Array(MESSAGES).keys()].map((i) => `S:${i}`);
      const missing = fast.reduce((n, c) => n + texts.filter((t) => c.messages.get(t) !== 1).length, 0);
      const stored = new Set(server.state().messages.map((m) => keyOf(m.text)));
      const stats = server.stats();
      figures('slow readers', {
        slow_sockets: slow.length,
        dropped: stats.gateway.slowClientsDropped,
        others: fast.length,
        messages: MESSAGES,
        delivered: fast.length * MESSAGES - missing,
        lost: missing + texts.filter((t) => !stored.has(t)).length,
        unread_mib_per_slow_socket_without_the_bound: mib(MESSAGES * 8050),
        peak_buffers_mib: memory.buffersMiB,
        peak_rss_mib: memory.rssMiB,
      });
      expect(stats.gateway.slowClientsDropped).toBe(3);
      expect(missing).toBe(0);
      expect(texts.every((t) => stored.has(t))).toBe(true);
      // Bounded: at most the limit per slow socket (plus a frame), not the 20 MB each was sent.
      expect(memory.buffersMiB * MiB - baseBuffers).toBeLessThan(3 * DEFAULT_LIMITS.maxBufferedBytes + 16 * MiB);
      for (const socket of slow) socket.destroy();
      await Promise.all(fast.map((c) => c.close()));
      await until(() => server.stats().connections === 0, 10_000);
      fast.length = 0;
      await server.reset();
      const after = await settledHeap();
      figures('slow readers memory', { heap_baseline_mib: mib(baseline), heap_after_mib: mib(after) });
      expect(after - baseline).toBeLessThan(8 * MiB);
    } finally {
      await server.close();
    }
  });
});

describe('a restart', () => {
  it('while 400 clients reconnect with a fixed delay: exactly once across it, memory back to its baseline', async () => {
    const world = stressWorld(200, 30, 10);
    const baseline = await settledHeap();
    const peak = new PeakMemory();
    const result = await runRestart({
      start: (port) => startTestServer({ port, fixtures: world, maxMessages: UNCAPPED }),
      userIds: Array.from({ length: 400 }, (_, i) => (i % 200) + 1),
      reconnectDelayMs: 250,
      downMs: 600,
      trafficMs: 2000,
      tickMs: 50,
      seed: 3,
    });
    const memory = peak.stop();
    const after = await settledHeap();
    figures('restart', {
      clients: result.clients,
      reconnect_delay_ms: result.reconnectDelayMs,
      accepted_by_A: result.accepted.A,
      accepted_by_B: result.accepted.B,
      delivered: result.deliveriesReceived,
      lost: result.lost,
      duplicates: result.duplicates,
      in_flight_not_applied: result.inFlight.neverApplied,
      connection_attempts: result.attempts,
      peak_rss_mib: memory.rssMiB,
      peak_heap_mib: memory.heapMiB,
      heap_baseline_mib: mib(baseline),
      heap_after_mib: mib(after),
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, inFlight: { storedByA: 0 } });
    expect(result.accepted.A).toBeGreaterThan(1000);
    expect(result.accepted.B).toBeGreaterThan(1000);
    expect(result.deliveriesReceived).toBe(result.deliveriesExpected);
    expect(result.attempts).toBeGreaterThan(3 * result.clients); // first, refused while down, then B
    expect(after - baseline).toBeLessThan(8 * MiB);
  });
});
