// Load and faults, light (npm test; the heavy versions are in test/stress/): a few dozen sockets
// doing mixed traffic, clients vanishing mid-frame and mid-handshake meanwhile, and a restart while
// clients reconnect. After each: every accepted message is in the state once and reached every
// connected recipient once; nothing is left behind.
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { startTestServer, tokenOf, until } from '../mock/helpers.js';
import { figures, worldOf } from './helpers.js';
import { type CountingClient, openMany, runMixedTraffic } from './load-harness.js';
import { vanishMidFrame, vanishMidHandshake } from './raw-socket.js';
import { runRestart } from './restart-harness.js';

let server: MockServer | undefined;
let open: CountingClient[] = [];

afterEach(async () => {
  await Promise.all(open.map((c) => c.close()));
  open = [];
  if (server) {
    await until(() => server?.stats().connections === 0, 5000);
    expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
    await server.close();
  }
  server = undefined;
});

const HUMANS = [3, 8, 9, 12, 23, 27, 31];

describe('mixed traffic', () => {
  it('42 sockets (7 users × 6): every message stored once and delivered once to each member socket', async () => {
    server = await startTestServer();
    open = await openMany(
      server,
      HUMANS.flatMap((id) => Array<number>(6).fill(id)),
    );
    const result = await runMixedTraffic(server, open, { frames: 25, seed: 3 });
    figures('light load', {
      connections: result.connections,
      frames: result.framesSent,
      messages: result.messagesSent,
      delivered: result.deliveriesReceived,
      lost: result.lost,
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, invalidFrames: 0, messagesInState: result.messagesSent });
    expect(result.deliveriesReceived).toBe(result.deliveriesExpected);
    expect(result.typing.received).toBe(result.typing.expected);
    expect(result.reads.received).toBe(result.reads.expected);
    expect(result.errors.received).toBe(result.errors.expected);
    expect(result.deliveriesExpected).toBeGreaterThan(1000);
  });
});

describe('clients that vanish', () => {
  it('mid-frame and mid-handshake, during traffic: the others lose nothing, presence stays true', async () => {
    const s = (server = await startTestServer());
    const stable = [3, 8, 9, 12, 23, 27];
    open = await openMany(
      s,
      stable.flatMap((id) => [id, id, id]),
    );
    const onlineBefore = worldOf(s).online;
    let vanished = 0;
    const vanish = async () => {
      for (let i = 0; i < 30; i++) {
        const user = [12, 23, 31][i % 3] as number;
        const frame = JSON.stringify({
          type: 'new_message',
          content: { chat_type: 'project', chat_id: 7, message: `gone ${i}`, reply_to: null },
        });
        await Promise.all([
          vanishMidFrame(s.port, tokenOf(s, user), frame, 3 + ((i * 7) % frame.length)),
          vanishMidHandshake(s.port, tokenOf(s, user), 5 + i * 9),
        ]);
        vanished += 2;
      }
    };
    const result = await runMixedTraffic(s, open, { frames: 20, seed: 5, during: vanish, roundPauseMs: 2 });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, invalidFrames: 0 });
    expect(vanished).toBe(60);
    // Only the stable sockets are left; no half frame was applied; 31 came and went.
    await until(() => s.stats().connections === open.length, 5000);
    expect(worldOf(s).online).toEqual(onlineBefore);
    expect(worldOf(s).messages.some((m) => m.text.startsWith('gone'))).toBe(false);
    const res = await fetch(`${s.url}/healthz`);
    expect(await res.json()).toMatchObject({ ok: true, connections: open.length });
  });
});

describe('a restart', () => {
  it('while clients reconnect with a fixed delay: accepted messages are in the state of the instance that accepted them, once', async () => {
    const result = await runRestart({
      start: (port) => startTestServer({ port }),
      userIds: [...HUMANS, ...HUMANS],
      reconnectDelayMs: 100,
      downMs: 250,
      trafficMs: 400,
      tickMs: 10,
    });
    figures('light restart', {
      clients: result.clients,
      acceptedA: result.accepted.A,
      acceptedB: result.accepted.B,
      delivered: result.deliveriesReceived,
      lost: result.lost,
      inFlightNotApplied: result.inFlight.neverApplied,
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lost: 0, duplicates: 0, inFlight: { storedByA: 0 } });
    expect(result.accepted.A).toBeGreaterThan(0);
    expect(result.accepted.B).toBeGreaterThan(0);
    // The burst sent as A began closing: none of it applied (no echo, not in A's state).
    expect(result.inFlight.neverApplied).toBeGreaterThanOrEqual(result.clients);
    expect(result.deliveriesReceived).toBe(result.deliveriesExpected);
    expect(result.attempts).toBeGreaterThanOrEqual(result.clients * 3); // first, refused while down, then B
  });
});
