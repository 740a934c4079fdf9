// Property-based fuzzing, heavy: many more frames than npm test's run, through actAs as every user
// and over a socket, each property bounded in runs and in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, startTestServer } from '../mock/helpers.js';
import { fuzzActAs, fuzzSocket } from '../hardening/fuzz-harness.js';
import { expectUsable, figures } from '../hardening/helpers.js';

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
  figures('fuzz (stress)', totals);
});

const add = (count: typeof totals) => {
  totals.frames += count.frames;
  totals.valid += count.valid;
  totals.applied += count.applied;
};

describe('fuzzing, heavy', () => {
  it('through actAs, as every user, 20000 frames (at most 90 s)', async () => {
    for (let round = 0; round < 4; round++) {
      add(fuzzActAs(server, { runs: 5000, timeLimitMs: 22_000 }));
      await server.reset(); // the world back to the fixtures now and then, so ids keep meaning something
    }
    expect(totals.frames).toBeGreaterThan(5000);
  });

  it('over sockets, as several users, 6000 frames (at most 90 s)', async () => {
    for (const userId of [12, 23, 3]) {
      await server.reset();
      const client = await clients.open(userId);
      await clients.drain();
      const count = await fuzzSocket(server, client, { runs: 2000, timeLimitMs: 30_000 });
      expect(count.frames).toBeGreaterThan(200);
      add(count);
      await client.close();
      clients.all.splice(clients.all.indexOf(client), 1);
    }
    await server.reset();
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    await expectUsable(anna, [james]);
  });
});
