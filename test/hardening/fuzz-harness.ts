// The fuzzing properties, shared by the light runs (npm test) and the heavy ones (npm run
// test:stress): frames from the schemas and mutations of them, sent through the control API's
// path (actAs, every user) or a real socket, each answer compared with the validator's verdict.
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { type ServerEvent, validateClientEvent, validateServerEvent } from '../../protocol/index.js';
import { Clients, type TestClient, startTestServer } from '../mock/helpers.js';
import { clientFrameText, worldFacts } from './frames.js';
import { figures, worldOf } from './helpers.js';

/** Error codes that mean "the frame breaks the spec": exactly the frames the validator refuses. */
const SPEC_CODES = new Set(['invalid_json', 'invalid_event', 'unknown_event_type']);

export interface FuzzCount {
  frames: number;
  /** Frames the validator accepted. */
  valid: number;
  /** Valid frames the world applied (no domain error). */
  applied: number;
}

export interface FuzzSuite {
  server: MockServer;
  clients: Clients;
  totals: FuzzCount;
  add(count: FuzzCount): void;
}

/** One mock and its clients for a fuzzing file; the frames fuzzed are added up and printed as figures at the end. */
export function useFuzzServer(label: string): FuzzSuite {
  const suite = {
    totals: { frames: 0, valid: 0, applied: 0 },
    add(count: FuzzCount) {
      suite.totals.frames += count.frames;
      suite.totals.valid += count.valid;
      suite.totals.applied += count.applied;
    },
  } as FuzzSuite;
  beforeAll(async () => {
    suite.server = await startTestServer();
    suite.clients = new Clients(suite.server);
  });
  afterAll(async () => {
    await suite.clients.closeAll();
    await suite.server.close();
    figures(label, { ...suite.totals });
  });
  return suite;
}

export interface FuzzRun {
  runs: number;
  timeLimitMs: number;
  seed?: number;
}

/** The validator's verdict on a frame's text, as the server should see it. */
function verdictOf(text: string): { json: boolean; ok: boolean; problems: unknown[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { json: false, ok: false, problems: [] };
  }
  const result = validateClientEvent(data);
  return { json: true, ok: result.ok, problems: result.ok ? [] : result.problems };
}

/**
 * Through `actAs`, as any user of the world: spec-invalid frames get the validator's problems
 * and change nothing; valid frames are applied or refused by a domain rule, never an internal
 * error; every delivery is a valid server event.
 */
export function fuzzActAs(server: MockServer, run: FuzzRun): FuzzCount {
  const count: FuzzCount = { frames: 0, valid: 0, applied: 0 };
  const facts = worldFacts(server.state());
  const frame = fc.tuple(fc.constantFrom(...facts.userIds), clientFrameText(facts));
  fc.assert(
    fc.property(frame, ([userId, text]) => {
      const verdict = verdictOf(text);
      if (!verdict.json) return; // actAs takes data; text that is not JSON is the socket fuzzer's
      count.frames++;
      const before = verdict.ok ? null : JSON.stringify(worldOf(server));
      const result = server.actAs(userId, JSON.parse(text));
      if (!verdict.ok) {
        expect(result.ok, 'a frame the validator refuses was accepted').toBe(false);
        if (!result.ok) {
          expect(SPEC_CODES.has(result.error.content.code)).toBe(true);
          expect(result.error.content.problems).toEqual(verdict.problems);
        }
        expect(JSON.stringify(worldOf(server))).toBe(before);
        return;
      }
      count.valid++;
      if (!result.ok) {
        const { code } = result.error.content;
        expect(SPEC_CODES.has(code) || code === 'internal_error', `a valid frame was answered with ${code}`).toBe(
          false,
        );
        return;
      }
      count.applied++;
      for (const delivery of result.deliveries) expect(validateServerEvent(delivery.event)).toMatchObject({ ok: true });
    }),
    {
      numRuns: run.runs,
      interruptAfterTimeLimit: run.timeLimitMs,
      ...(run.seed !== undefined ? { seed: run.seed } : {}),
    },
  );
  expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
  return count;
}

/**
 * Over a socket, as `client`'s user: each frame answered alone (a barrier after it), a
 * spec-invalid frame by exactly its error and nothing else, with the world unchanged; a valid one
 * never by a spec or internal error. Every frame received is a valid server event.
 */
export async function fuzzSocket(server: MockServer, client: TestClient, run: FuzzRun): Promise<FuzzCount> {
  const count: FuzzCount = { frames: 0, valid: 0, applied: 0 };
  const facts = worldFacts(server.state());
  await fc.assert(
    fc.asyncProperty(clientFrameText(facts, client.userId), async (text) => {
      count.frames++;
      const verdict = verdictOf(text);
      const before = verdict.ok ? null : JSON.stringify(worldOf(server));
      client.send(text);
      const answers: ServerEvent[] = await client.barrier();
      const errors = answers.flatMap((f) => (f.type === 'error' ? [f] : []));
      if (!verdict.ok) {
        expect(answers).toHaveLength(1);
        const [error] = errors;
        expect(error?.content.code).toEqual(
          verdict.json ? expect.stringMatching(/^(invalid_event|unknown_event_type)$/) : 'invalid_json',
        );
        expect(error?.content.problems).toEqual(verdict.problems);
        expect(JSON.stringify(worldOf(server))).toBe(before);
        return;
      }
      count.valid++;
      expect(errors.length).toBeLessThanOrEqual(1);
      const code = errors[0]?.content.code;
      expect(
        code === undefined || !(SPEC_CODES.has(code) || code === 'internal_error'),
        `a valid frame was answered with ${code}`,
      ).toBe(true);
      if (code === undefined) count.applied++;
    }),
    {
      numRuns: run.runs,
      interruptAfterTimeLimit: run.timeLimitMs,
      ...(run.seed !== undefined ? { seed: run.seed } : {}),
    },
  );
  expect(client.invalid).toEqual([]);
  expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
  return count;
}
