// The same named cases for every message schema (as asyncapi/spec-json-schemas does): the spec's
// examples are valid, and a frame is invalid without a required property or with an extra one.
import { describe, expect, it } from 'vitest';
import { Parser, fromFile } from '@asyncapi/parser';
import {
  validateClientEvent,
  validateServerEvent,
  CLIENT_EVENT_TYPES,
  SERVER_EVENT_TYPES,
} from '../../protocol/index.js';
import { SPEC_FILE } from '../../scripts/lib/catalogue.js';

const { document } = await fromFile(new Parser(), SPEC_FILE).parse();
if (!document) throw new Error('asyncapi.yaml does not parse');

interface Case {
  direction: 'client' | 'server';
  type: string;
  examples: unknown[];
}
const cases: Case[] = document
  .operations()
  .all()
  .flatMap((op) =>
    op
      .messages()
      .all()
      .map((m) => ({
        direction: op.action() === 'receive' ? ('client' as const) : ('server' as const),
        type: String(m.name()),
        examples: m
          .examples()
          .all()
          .map((e) => e.payload()),
      })),
  );
const validatorOf = (c: Case) => (c.direction === 'client' ? validateClientEvent : validateServerEvent);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('the spec covers the protocol', () => {
  it('has an operation for every client event and every server event', () => {
    expect(
      cases
        .filter((c) => c.direction === 'client')
        .map((c) => c.type)
        .sort(),
    ).toEqual([...CLIENT_EVENT_TYPES].sort());
    expect(
      cases
        .filter((c) => c.direction === 'server')
        .map((c) => c.type)
        .sort(),
    ).toEqual([...SERVER_EVENT_TYPES].sort());
  });
  it("contains the protocol document's example frame", () => {
    const doc = {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
    };
    const newMessage = cases.find((c) => c.direction === 'client' && c.type === 'new_message');
    expect(newMessage?.examples).toContainEqual(doc);
    expect(validateClientEvent(doc)).toEqual({ ok: true, event: doc });
  });
});

describe.each(cases)('$direction $type', (c) => {
  it('has at least one example', () => {
    expect(c.examples.length).toBeGreaterThan(0);
  });
  it.each(c.examples.map((e, i) => [i, e] as const))('example %i is valid', (_i, example) => {
    expect(validatorOf(c)(example)).toEqual({ ok: true, event: example });
  });
  it('is not valid without required properties', () => {
    const example = c.examples[0] as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(example)) {
      const frame = clone(example);
      delete frame[key];
      const result = validatorOf(c)(frame);
      expect(result.ok, `without ${key}`).toBe(false);
      if (!result.ok)
        expect(result.problems).toContainEqual(expect.objectContaining({ pointer: `/${key}`, code: 'missing_field' }));
    }
    for (const key of Object.keys(example.content ?? {})) {
      const frame = clone(example);
      delete frame.content![key];
      const result = validatorOf(c)(frame);
      expect(result.ok, `without content.${key}`).toBe(false);
      if (!result.ok)
        expect(result.problems).toContainEqual(
          expect.objectContaining({ pointer: `/content/${key}`, code: 'missing_field' }),
        );
    }
  });
  it('is not valid when wrongly extended', () => {
    const frame = clone(c.examples[0]) as Record<string, Record<string, unknown>>;
    frame.content!.surprise = true;
    const result = validatorOf(c)(frame);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/surprise', code: 'unknown_field' })],
    });
  });
});
