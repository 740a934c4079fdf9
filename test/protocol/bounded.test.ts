// Hostile frames: however many problems a frame has and however long its keys and values, the
// validators do a bounded amount of work per key, and an error event lists at most
// MAX_LISTED_PROBLEMS problems (the rest counted in problems_omitted), quoting values as short
// prefixes, so a reply stays a few KiB.
import { describe, expect, it } from 'vitest';
import {
  MAX_LISTED_PROBLEMS,
  WIDE_OBJECT_KEYS,
  errorEvent,
  parseClientFrame,
  validateClientEvent,
  validateServerEvent,
} from '../../protocol/index.js';

const wide = (count: number, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  const content: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) content[`k${i}`] = i;
  return { ...content, ...extra };
};

const refusal = (text: string) => {
  const parsed = parseClientFrame(text);
  if (parsed.ok) throw new Error(`expected a refusal of ${text.slice(0, 80)}`);
  return parsed.error;
};

describe('a frame with thousands of unknown fields', () => {
  const frame = { type: 'new_message', content: wide(5000) };

  it('is answered with the first 20 problems, the rest counted, in a reply of a few KiB', () => {
    const error = refusal(JSON.stringify(frame));
    expect(error.content.code).toBe('invalid_event');
    expect(error.content.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    // Missing chat_type, chat_id, message, reply_to, and 5000 unknown fields.
    expect(error.content.problems_omitted).toBe(5004 - MAX_LISTED_PROBLEMS);
    expect(error.content.message).toBe(`content.chat_type is required (and 5003 more problems)`);
    expect(error.error).toBe(error.content.message);
    expect(JSON.stringify(error).length).toBeLessThan(4096);
    expect(error.content.problems.at(-1)).toEqual({
      pointer: `/content/k${MAX_LISTED_PROBLEMS - 5}`,
      code: 'unknown_field',
      message: `content.k${MAX_LISTED_PROBLEMS - 5} is not a field of this event`,
    });
  });

  it('gets every problem from the public validator, and a bounded list when asked', () => {
    const all = validateClientEvent(frame);
    expect(all.ok).toBe(false);
    if (all.ok) return;
    expect(all.problems).toHaveLength(5004);
    expect(all.omitted).toBeUndefined();
    expect(new Set(all.problems.map((p) => p.pointer)).size).toBe(5004);
    const bounded = validateClientEvent(frame, { maxProblems: 3 });
    expect(bounded).toEqual({ ok: false, problems: all.problems.slice(0, 3), omitted: 5001 });
  });

  it('keeps the fields a schema knows however far down the object they are', () => {
    const content = wide(WIDE_OBJECT_KEYS * 3, {
      chat_type: 'direct',
      chat_id: '12_23',
      message: 'hi',
      reply_to: null,
    });
    const result = validateClientEvent({ type: 'new_message', content });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(WIDE_OBJECT_KEYS * 3);
    expect(result.problems.every((p) => p.code === 'unknown_field')).toBe(true);
  });

  it('finds a known field of the wrong type far down a wide object', () => {
    const content = wide(WIDE_OBJECT_KEYS * 2, { chat_type: 'direct', chat_id: 7, message: 'hi', reply_to: null });
    const result = validateClientEvent({ type: 'new_message', content });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(WIDE_OBJECT_KEYS * 2 + 1);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ pointer: '/content/chat_id', code: 'wrong_type' }),
    );
  });

  it('lists the unknown top-level keys of a wide frame as well', () => {
    const result = validateClientEvent({ type: 'set_online', content: {}, ...wide(200) }, { maxProblems: 2 });
    expect(result).toEqual({
      ok: false,
      problems: [
        { pointer: '/k0', code: 'unknown_field', message: 'k0 is not a field of this event' },
        { pointer: '/k1', code: 'unknown_field', message: 'k1 is not a field of this event' },
      ],
      omitted: 198,
    });
  });

  it('judges server frames the same way', () => {
    const result = validateServerEvent({ type: 'set_online', content: wide(300, { user_id: 3 }) }, { maxProblems: 5 });
    expect(result).toMatchObject({ ok: false, omitted: 295 });
  });
});

describe('long values and keys are quoted as short prefixes', () => {
  it('an unknown type of 60,000 characters', () => {
    const error = refusal(JSON.stringify({ type: 'x'.repeat(60_000), content: {} }));
    expect(error.content.code).toBe('unknown_event_type');
    expect(error.content.message).toMatch(/^Unknown event type "x{63}…": expected one of /);
    expect(JSON.stringify(error).length).toBeLessThan(1024);
    // The refused frame's type is echoed in event_type, cut the same way.
    expect((error.content.event_type ?? '').length).toBeLessThanOrEqual(64);
  });

  it('a malformed direct chat id of 50,000 characters', () => {
    const content = { chat_type: 'direct', chat_id: '1'.repeat(50_000), message: 'hi', reply_to: null };
    const error = refusal(JSON.stringify({ type: 'new_message', content }));
    expect(error.content.problems).toEqual([
      {
        pointer: '/content/chat_id',
        code: 'invalid_format',
        message: `content.chat_id must look like "{user1_id}_{user2_id}" with the smaller id first, e.g. "12_23" (got "${'1'.repeat(63)}…")`,
      },
    ]);
  });

  it('a key of 60,000 characters: the pointer is cut and ends with …', () => {
    const key = 'k'.repeat(60_000);
    const error = refusal(JSON.stringify({ type: 'set_online', content: { [key]: 1 } }));
    const [only] = error.content.problems;
    expect(only?.code).toBe('unknown_field');
    expect(only?.pointer).toBe(`/content/${'k'.repeat(190)}…`);
    expect(only?.message).toBe(`content.${'k'.repeat(55)}… is not a field of this event`);
    expect(JSON.stringify(error).length).toBeLessThan(1024);
  });
});

describe('errorEvent', () => {
  it('lists at most 20 problems and counts the others, adding what a bounded validation left out', () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({
      pointer: `/k${i}`,
      code: 'unknown_field' as const,
      message: `k${i} is not a field of this event`,
    }));
    const event = errorEvent('invalid_event', 'bad', { problems, omitted: 100 });
    expect(event.content.problems).toEqual(problems.slice(0, 20));
    expect(event.content.problems_omitted).toBe(105);
  });

  it('has no problems_omitted when every problem is listed', () => {
    expect('problems_omitted' in errorEvent('invalid_event', 'bad', { problems: [] }).content).toBe(false);
  });
});
