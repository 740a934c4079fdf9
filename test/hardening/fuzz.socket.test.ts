// Property-based fuzzing, light (the heavy runs are in test/stress/fuzz.test.ts): frames from the
// schemas and mutations of them, through actAs as every user and over a real socket. The server
// never crashes, never sends an invalid frame, and agrees with the validator on every frame.
import { describe, expect, it } from 'vitest';
import { fuzzActAs, fuzzSocket, useFuzzServer } from './fuzz-harness.js';
import { expectUsable } from './helpers.js';

const fuzz = useFuzzServer('fuzz (npm test)');

describe('fuzzing', () => {
  it('through actAs, as every user: the validator and the world agree, no internal error, no invalid delivery', () => {
    const count = fuzzActAs(fuzz.server, { runs: 2000, timeLimitMs: 15_000 });
    expect(count.frames).toBeGreaterThan(100);
    expect(count.applied).toBeGreaterThan(0);
    fuzz.add(count);
  });

  it('over a socket: each frame answered as the validator says, the socket stays usable', async () => {
    await fuzz.server.reset();
    const anna = await fuzz.clients.open(12);
    const james = await fuzz.clients.open(23);
    await fuzz.clients.drain();
    const count = await fuzzSocket(fuzz.server, anna, { runs: 800, timeLimitMs: 15_000 });
    expect(count.frames).toBeGreaterThan(50);
    fuzz.add(count);
    await fuzz.server.reset();
    anna.send({ type: 'set_online', content: {} });
    await fuzz.clients.drain();
    await expectUsable(anna, [james]);
  });
});
