// The traffic log: the newest records, bounded in count and in bytes.
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_TEXT, TrafficLog, type TrafficEntry, keptText, preview } from '../../mock-server/traffic/traffic.js';

const entry = (n: number, bytes = 10): TrafficEntry => ({
  direction: n % 2 ? 'in' : 'out',
  user_id: 12,
  connection_id: 'c1',
  source: 'socket',
  type: 'set_online',
  valid: true,
  problems: [],
  frame: { n },
  preview: `{"n":${n}}`,
  bytes,
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
    expect(log.dropped).toBe(2);
    expect(log.oldestSeq).toBe(3);
  });

  it('drops the oldest records to stay within its byte budget', () => {
    const log = new TrafficLog({ records: 1000, bytes: 100_000 });
    for (let n = 1; n <= 100; n++) log.add(entry(n, 10_000));
    // Each record costs about twice its frame (20,000) plus a little: four fit, five do not.
    expect(log.size).toBe(4);
    expect(log.bytes).toBeLessThanOrEqual(100_000);
    expect(log.recent().map((r) => r.seq)).toEqual([97, 98, 99, 100]);
    expect(log.dropped).toBe(96);
  });

  it('counts the frame of one delivery to many connections once', () => {
    const log = new TrafficLog({ bytes: 100_000 });
    log.add(entry(1, 20_000));
    for (let n = 2; n <= 20; n++) log.add({ ...entry(n, 20_000), shared: true });
    expect(log.size).toBe(20);
    expect(log.bytes).toBeLessThan(100_000);
  });

  it('keeps the newest record even when it alone is over the budget', () => {
    const log = new TrafficLog({ bytes: 1000 });
    log.add(entry(1, 5000));
    log.add(entry(2, 5000));
    expect(log.recent().map((r) => r.seq)).toEqual([2]);
  });

  it('after(seq, max) pages forward through what is kept, for a reader that follows the log', () => {
    const log = new TrafficLog(5);
    for (let n = 1; n <= 8; n++) log.add(entry(n));
    expect(log.after(0, 2).map((r) => r.seq)).toEqual([4, 5]);
    expect(log.after(5, 10).map((r) => r.seq)).toEqual([6, 7, 8]);
    expect(log.after(8, 10)).toEqual([]);
  });

  it('stays correct over many evictions (the array is compacted)', () => {
    const log = new TrafficLog(10);
    for (let n = 1; n <= 5000; n++) log.add(entry(n));
    expect(log.recent().map((r) => r.seq)).toEqual([4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000]);
    expect(log.after(4995, 2).map((r) => r.seq)).toEqual([4996, 4997]);
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

  it('refuses limits that are not positive integers', () => {
    expect(() => new TrafficLog({ bytes: 0 })).toThrow('traffic bytes must be an integer >= 1, got 0');
    expect(() => new TrafficLog(1.5)).toThrow('traffic records must be an integer >= 1, got 1.5');
  });
});

describe('previews', () => {
  it('shortens previews', () => {
    expect(preview('x'.repeat(500))).toHaveLength(160);
    expect(preview('short')).toBe('short');
  });

  it('keeps a long invalid frame as the first part of its text, marked truncated', () => {
    expect(keptText('short')).toEqual({ frame: 'short' });
    const long = keptText('y'.repeat(MAX_KEPT_TEXT + 1));
    expect(long.truncated).toBe(true);
    expect(long.frame).toHaveLength(MAX_KEPT_TEXT);
    expect(long.frame.endsWith('…')).toBe(true);
  });
});
