// Property-based fuzzing, heavy: many more frames than npm test's run, through actAs as every user
// and over a socket, each property bounded in runs and in time.
import { describe, expect, it } from 'vitest';
import { fuzzActAs, fuzzSocket, useFuzzServer } from '../hardening/fuzz-harness.js';
import { expectUsable } from '../hardening/helpers.js';

const fuzz = useFuzzServer('fuzz (stress)');

describe('fuzzing, heavy', () => {
  it('through actAs, as every user, 20000 frames (at most 90 s)', async () => {
    for (let round = 0; round < 4; round++) {
      fuzz.add(fuzzActAs(fuzz.server, { runs: 5000, timeLimitMs: 22_000 }));
      await fuzz.server.reset(); // the world back to the fixtures now and then, so ids keep meaning something
    }
    expect(fuzz.totals.frames).toBeGreaterThan(5000);
  });

  it('over sockets, as several users, 6000 frames (at most 90 s)', async () => {
    for (const userId of [12, 23, 3]) {
      await fuzz.server.reset();
      const client = await fuzz.clients.open(userId);
      await fuzz.clients.drain();
      const count = await fuzzSocket(fuzz.server, client, { runs: 2000, timeLimitMs: 30_000 });
      expect(count.frames).toBeGreaterThan(200);
      fuzz.add(count);
      await client.close();
      fuzz.clients.all.splice(fuzz.clients.all.indexOf(client), 1);
    }
    await fuzz.server.reset();
    const anna = await fuzz.clients.open(12);
    const james = await fuzz.clients.open(23);
    await fuzz.clients.drain();
    await expectUsable(anna, [james]);
  });
});
