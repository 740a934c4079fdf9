// The traffic ring buffer.
import { describe, expect, it } from 'vitest';
import { TrafficLog, type TrafficEntry, preview } from '../../mock-server/traffic/traffic.js';

const entry = (n: number): TrafficEntry => ({
  direction: n % 2 ? 'in' : 'out',
  user_id: 12,
  connection_id: 'c1',
  source: 'socket',
  type: 'set_online',
  valid: true,
  problems: [],
  frame: { n },
  preview: `{"n":${n}}`,
});

describe('TrafficLog', () => {
  it('keeps the newest records, oldest first, with increasing seq', () => {
    const log = new TrafficLog(3);
    for (let n = 1; n <= 5; n++) log.add(entry(n), `2026-11-24T10:00:0${n}.000Z`);
    expect(log.total).toBe(5);
    expect(log.recent().map((r) => [r.seq, r.frame])).toEqual([
      [3, { n: 3 }],
      [4, { n: 4 }],
      [5, { n: 5 }],
    ]);
    expect(log.recent(2).map((r) => r.seq)).toEqual([4, 5]);
    expect(log.recent(10, 4).map((r) => r.seq)).toEqual([5]);
    expect(log.recent(0)).toEqual([]);
    expect(log.recent()[0]?.time).toBe('2026-11-24T10:00:03.000Z');
  });

  it('tells subscribers about every new record until they unsubscribe; a throwing one harms nobody', () => {
    const log = new TrafficLog(10);
    const seen: number[] = [];
    const off = log.subscribe((r) => seen.push(r.seq));
    log.subscribe(() => {
      throw new Error('listener bug');
    });
    log.add(entry(1));
    off();
    log.add(entry(2));
    expect(seen).toEqual([1]);
    expect(log.total).toBe(2);
  });

  it('shortens previews', () => {
    expect(preview('x'.repeat(500))).toHaveLength(160);
    expect(preview('short')).toBe('short');
  });
});
