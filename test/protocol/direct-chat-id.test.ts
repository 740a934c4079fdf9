import { describe, expect, it } from 'vitest';
import { directChatId, isOrderedDirectChatId, parseDirectChatId } from '../../protocol/index.js';

describe('directChatId', () => {
  it('puts the smaller id first, in numeric order', () => {
    expect(directChatId(12, 23)).toBe('12_23');
    expect(directChatId(23, 12)).toBe('12_23');
    expect(directChatId(9, 10)).toBe('9_10');
    expect(directChatId(10, 9)).toBe('9_10');
  });
  it('refuses the same user twice and ids that are not positive integers', () => {
    expect(() => directChatId(5, 5)).toThrow(RangeError);
    expect(() => directChatId(0, 5)).toThrow(RangeError);
    expect(() => directChatId(1.5, 5)).toThrow(RangeError);
    expect(() => directChatId(Number.NaN, 5)).toThrow(RangeError);
  });
});

describe('parseDirectChatId', () => {
  it('returns both ids for an ordered id and null otherwise', () => {
    expect(parseDirectChatId('9_10')).toEqual([9, 10]);
    expect(parseDirectChatId('10_9')).toBeNull();
    expect(parseDirectChatId('12_12')).toBeNull();
    expect(parseDirectChatId('012_23')).toBeNull();
    expect(parseDirectChatId('12-23')).toBeNull();
  });
  it('agrees with isOrderedDirectChatId', () => {
    for (const id of ['1_2', '2_1', '9_10', '10_9', '5_5', 'x_y'])
      expect(isOrderedDirectChatId(id)).toBe(parseDirectChatId(id) !== null);
  });
});
