// Property-based fuzzing, light (the heavy runs are in test/stress/fuzz.test.ts): frames from the
// schemas and mutations of them, through actAs as every user and over a real socket. The server
// never crashes, never sends an invalid frame, and agrees with the validator on every frame.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, startTestServer } from '../mock/helpers.js';
import { fuzzActAs, fuzzSocket } from './fuzz-harness.js';
import { expectUsable, figures } from './helpers.js';

let server: MockServer;
let clients: Clients;
const totals = { frames: 0, valid: 0, applied: 0 };

beforeAll(async () => {
  server = await startTestServer();
  clients = new Clients(server);
});

afterAll(async () => {
  await clients.closeAll();
  await server.close();
  figures('fuzz (npm test)', totals);
});

const add = (count: typeof totals) => {
  totals.frames += count.frames;
  totals.valid += count.valid;
  totals.applied += count.applied;
};

describe('fuzzing', () => {
  it('through actAs, as every user: the validator and the world agree, no internal error, no invalid delivery', () => {
    const count = fuzzActAs(server, { runs: 2000, timeLimitMs: 15_000 });
    expect(count.frames).toBeGreaterThan(100);
    expect(count.applied).toBeGreaterThan(0);
    add(count);
  });

  it('over a socket: each frame answered as the validator says, the socket stays usable', async () => {
    await server.reset();
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    const count = await fuzzSocket(server, anna, { runs: 800, timeLimitMs: 15_000 });
    expect(count.frames).toBeGreaterThan(50);
    add(count);
    await server.reset();
    anna.send({ type: 'set_online', content: {} });
    await clients.drain();
    await expectUsable(anna, [james]);
  });
});
