// protocol/formats.ts: the date-time the generated validators check has a fast path for the
// canonical shape; its verdict must be ajv-formats' own on every string, held side by side here.
import fc from 'fast-check';
import * as ajvFormatsNamespace from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { fullFormats } from '../../protocol/formats.js';
import { validateServerEvent } from '../../protocol/index.js';

type Check = { validate: (text: string) => boolean };
const ajvFormats = ajvFormatsNamespace as unknown as { fullFormats: Record<string, Check> };
const original = ajvFormats.fullFormats['date-time'] as Check;
const ours = fullFormats['date-time'] as Check;

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** Strings in the canonical shape with any digits: months 00–99, days 00–99, hours 00–99… */
const canonicalShaped = fc
  .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
/** Real instants, as servers write them. */
const instants = fc
  .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

describe('the date-time format', () => {
  it('gives ajv-formats’ verdict on every string: canonical ones with any digits, real instants, and anything else', () => {
    for (const arbitrary of [canonicalShaped, instants, fc.string({ maxLength: 30 })]) {
      fc.assert(
        fc.property(arbitrary, (text) => ours.validate(text) === original.validate(text)),
        { numRuns: 20_000 },
      );
    }
  });

  it('decides the edges as ajv-formats does: leap years, month ends, leap seconds, other shapes', () => {
    const cases = [
      '2024-02-29T00:00:00.000Z', // leap year
      '2023-02-29T00:00:00.000Z', // not one
      '2000-02-29T00:00:00.000Z', // divisible by 400
      '1900-02-29T00:00:00.000Z', // by 100, not 400
      '2026-04-31T00:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
      '2026-12-31T23:59:60.000Z', // a leap second: ajv-formats' own check decides
      '2026-12-31T24:00:00.000Z',
      '2026-00-10T10:00:00.000Z',
      '2026-11-29T08:00:00Z',
      '2026-11-29T08:00:00.000+03:00',
      '2026-11-29t08:00:00.000z',
      '2026-11-29 08:00:00.000Z',
      '２０２６-11-29T08:00:00.000Z',
    ];
    for (const text of cases) expect(ours.validate(text), text).toBe(original.validate(text));
  });

  it('is what the generated validators use', () => {
    const message = {
      id: 1,
      author: { id: 12, first_name: 'Анна', last_name: 'Смирнова', avatar: null },
      text: 'hi',
      created_at: '2023-02-29T08:00:00.000Z',
      is_read: false,
      is_deleted: false,
      reply_to: null,
    };
    const event = { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_23', message } };
    const bad = validateServerEvent(event);
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.pointer)).toEqual(['/content/message/created_at']);
    message.created_at = '2024-02-29T08:00:00.000Z';
    expect(validateServerEvent(event).ok).toBe(true);
  });
});
