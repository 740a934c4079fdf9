// The faults themselves, on stand-in connections: what a degraded link does to each frame (seeded,
// in order), what a stall holds and releases, what a disconnect and an outage close, and that all
// of it is in the traffic log.
import { describe, expect, it } from 'vitest';
import { type FaultDirection, type FaultTarget, Faults } from '../../mock-server/faults/index.js';
import { parseLinkSpec } from '../../mock-server/faults/index.js';
import { createLogger } from '../../mock-server/traffic/log.js';
import { TrafficLog } from '../../mock-server/traffic/traffic.js';
import { until } from '../mock/helpers.js';

class StandIn implements FaultTarget {
  readonly delivered: string[] = [];
  readonly holds: boolean[] = [];
  readonly closed: [number, string][] = [];
  readonly connection;
  constructor(id: string, userId: number | null) {
    this.connection = { id, userId, close: (code: number, reason: string) => void this.closed.push([code, reason]) };
  }
  deliver(direction: FaultDirection, data: Buffer | string): void {
    this.delivered.push(`${direction} ${data.toString()}`);
  }
  hold(on: boolean): void {
    this.holds.push(on);
  }
}

function setUp(targets: StandIn[], maxHeldBytes = 1024 * 1024) {
  const traffic = new TrafficLog();
  const faults = new Faults({
    traffic,
    logger: createLogger({ mode: 'silent', nameOf: () => undefined }),
    seed: 42,
    maxHeldBytes,
  });
  faults.setConnections(() => targets);
  const link = (body: object) => {
    const spec = parseLinkSpec(body, 42);
    if (!spec.ok) throw new Error(spec.errors.join('; '));
    return faults.addLink(spec.value);
  };
  /** Sends a frame as the gateway does: through the faults while active, else straight on. */
  const send = (target: StandIn, direction: FaultDirection, text: string): void => {
    if (!faults.active || !faults.divert(target, direction, text, false)) target.deliver(direction, text);
  };
  const faultRecords = () => traffic.recent().filter((r) => r.source === 'fault');
  return { traffic, faults, link, send, faultRecords };
}

const frame = (n: number) => JSON.stringify({ type: 'set_online', content: { user_id: n } });

describe('a degraded link', () => {
  it('is not there until asked for: frames pass untouched and nothing is recorded', () => {
    const anna = new StandIn('c1', 12);
    const { faults, send, traffic } = setUp([anna]);
    expect(faults.active).toBe(false);
    send(anna, 'out', frame(1));
    expect(anna.delivered).toEqual([`out ${frame(1)}`]);
    expect(traffic.total).toBe(0);
  });

  it('drops and duplicates the same frames for the same seed and connection, and others for another seed', () => {
    const decisions = (seed: number) => {
      const anna = new StandIn('c1', 12);
      const { link, send, faultRecords } = setUp([anna]);
      link({ drop_rate: 0.3, duplicate_rate: 0.3, seed });
      for (let i = 0; i < 40; i++) send(anna, 'out', frame(i));
      return faultRecords()
        .filter((r) => r.type === 'set_online')
        .map((r) => `${(r.frame as { fault: string }).fault} ${r.preview}`);
    };
    const first = decisions(7);
    expect(first.some((d) => d.startsWith('dropped'))).toBe(true);
    expect(first.some((d) => d.startsWith('duplicated'))).toBe(true);
    expect(decisions(7)).toEqual(first);
    expect(decisions(8)).not.toEqual(first);
  });

  it('delivers what it delays in the order it came, however jittery, each delay recorded', async () => {
    const anna = new StandIn('c1', 12);
    const { faults, link, send, faultRecords } = setUp([anna]);
    link({ latency_ms: 20, jitter_ms: 20, direction: 'out' });
    for (let i = 0; i < 30; i++) send(anna, 'out', frame(i));
    send(anna, 'in', frame(100)); // the other direction is not delayed
    expect(anna.delivered).toEqual([`in ${frame(100)}`]);
    await until(() => anna.delivered.length === 31, 5000);
    expect(anna.delivered.slice(1)).toEqual(Array.from({ length: 30 }, (_, i) => `out ${frame(i)}`));
    const delayed = faultRecords().filter((r) => (r.frame as { fault: string }).fault === 'delayed');
    expect(delayed).toHaveLength(30);
    expect(delayed[0]).toMatchObject({
      direction: 'out',
      user_id: 12,
      connection_id: 'c1',
      type: 'set_online',
      frame: { fault: 'delayed', links: [1], delay_ms: expect.any(Number) },
    });
    faults.clear();
    expect(faults.active).toBe(false);
  });

  it("applies to one user's frames in one direction only when it says so", () => {
    const anna = new StandIn('c1', 12);
    const james = new StandIn('c2', 23);
    const { link, send } = setUp([anna, james]);
    link({ drop_rate: 1, user: 12, direction: 'in' });
    for (const target of [anna, james])
      for (const direction of ['in', 'out'] as const) send(target, direction, frame(1));
    expect(anna.delivered).toEqual([`out ${frame(1)}`]);
    expect(james.delivered).toEqual([`in ${frame(1)}`, `out ${frame(1)}`]);
  });

  it('drops what it cannot hold: beyond maxHeldBytes on a connection', () => {
    const anna = new StandIn('c1', 12);
    const { link, send, faultRecords } = setUp([anna], frame(1).length * 2);
    link({ latency_ms: 60_000 });
    for (let i = 0; i < 3; i++) send(anna, 'out', frame(1));
    expect(faultRecords().map((r) => r.note)).toEqual([
      'degraded link #1: latency 60000 ms, both ways, every user (seed 42)',
      expect.stringMatching(/^delayed \d+ ms by degraded link #1$/),
      expect.stringMatching(/^delayed \d+ ms by degraded link #1$/),
      `dropped: more than ${frame(1).length * 2} bytes already held back on this connection`,
    ]);
  });
});

describe('a stall', () => {
  it('stops reading the matching connections and holds their frames, then releases them in order', () => {
    const anna = new StandIn('c1', 12);
    const james = new StandIn('c2', 23);
    const { faults, send, faultRecords } = setUp([anna, james]);
    expect(faults.stall({ user: 12, seconds: null })).toEqual(['c1']);
    expect(anna.holds).toEqual([true]);
    expect(james.holds).toEqual([]);
    expect(faults.isStalled(anna)).toBe(true);
    send(anna, 'out', frame(1));
    send(anna, 'out', frame(2));
    send(james, 'out', frame(3));
    expect(anna.delivered).toEqual([]);
    expect(james.delivered).toEqual([`out ${frame(3)}`]);
    expect(faults.snapshot().stall).toMatchObject({ user: 12, until: null, connections: ['c1'] });
    expect(faults.endStall()).toBe(true);
    expect(anna.holds).toEqual([true, false]);
    expect(anna.delivered).toEqual([`out ${frame(1)}`, `out ${frame(2)}`]);
    expect(faultRecords().map((r) => (r.frame as { fault: string }).fault)).toEqual([
      'stall',
      'held',
      'held',
      'stall_end',
    ]);
    expect(faults.active).toBe(false);
  });

  it('lets a connection it holds be closed: reading resumes (for the close handshake) and its held frames are dropped', () => {
    const anna = new StandIn('c1', 12);
    const { faults, send } = setUp([anna]);
    faults.stall({ user: null, seconds: null });
    send(anna, 'out', frame(1));
    faults.disconnect({ user: null, code: 1012, reason: 'Service restart' });
    expect(anna.holds).toEqual([true, false]);
    expect(anna.closed).toEqual([[1012, 'Service restart']]);
    expect(anna.delivered).toEqual([]);
  });

  it('takes a connection that opens during it', () => {
    const anna = new StandIn('c1', 12);
    const targets = [anna];
    const { faults } = setUp(targets);
    faults.stall({ user: null, seconds: null });
    const late = new StandIn('c2', 23);
    targets.push(late);
    faults.opened(late);
    expect(late.holds).toEqual([true]);
    faults.clear();
    expect(late.holds).toEqual([true, false]);
  });
});

describe('a disconnect and an outage', () => {
  it('a disconnect closes the matching connections with its code and says which', () => {
    const anna = new StandIn('c1', 12);
    const james = new StandIn('c2', 23);
    const { faults, faultRecords } = setUp([anna, james]);
    expect(faults.disconnect({ user: 23, code: 4000, reason: 'bye' })).toEqual(['c2']);
    expect(james.closed).toEqual([[4000, 'bye']]);
    expect(anna.closed).toEqual([]);
    expect(faultRecords()).toMatchObject([
      {
        source: 'fault',
        user_id: 23,
        frame: { fault: 'disconnect', user: 23, code: 4000, reason: 'bye', connections: ['c2'] },
        note: `disconnect: closed 1 connection (user 23's) with 4000 "bye"`,
      },
    ]);
  });

  it('an outage closes every connection with 1012 and refuses upgrades until it ends', () => {
    const anna = new StandIn('c1', 12);
    const { faults } = setUp([anna]);
    expect(faults.refusal()).toBeNull();
    expect(faults.outage({ seconds: 30, status: 503 })).toEqual(['c1']);
    expect(anna.closed).toEqual([[1012, 'Service restart']]);
    expect(faults.refusal()).toEqual({
      status: 503,
      body: 'Service unavailable: an outage (a fault, POST /__mock/outage): back in 30 s',
      headers: { 'Retry-After': '30' },
      reason: 'an outage (a fault, POST /__mock/outage): back in 30 s',
    });
    expect(faults.endOutage()).toBe(true);
    expect(faults.refusal()).toBeNull();
    expect(faults.snapshot().counts).toMatchObject({ disconnected: 1, refused: 1 });
  });
});
