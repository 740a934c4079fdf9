// The schema-derived arbitraries themselves: what they generate from schemas/ is valid by the
// package's validators, both directions; and the mutations do break frames.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_EVENT_TYPES,
  SERVER_EVENT_TYPES,
  validateClientEvent,
  validateServerEvent,
} from '../../protocol/index.js';
import { mutate, validClientFrame } from './frames.js';
import { SchemaArbitraries, loadSchemas } from './schema-arbitrary.js';

const RUNS = { numRuns: 300, interruptAfterTimeLimit: 10_000 };

const ordered = fc
  .tuple(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? `${a}_${b}` : `${b}_${a}`));
const schemas = new SchemaArbitraries(loadSchemas(), { overrides: { DirectChatId: ordered } });

describe('SchemaArbitraries', () => {
  it.each(CLIENT_EVENT_TYPES)('client/%s.json gives frames validateClientEvent accepts', (type) => {
    fc.assert(
      fc.property(schemas.of(`client/${type}.json`), (frame) => {
        expect(validateClientEvent(frame)).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it.each(SERVER_EVENT_TYPES)('server/%s.json gives events validateServerEvent accepts', (type) => {
    fc.assert(
      fc.property(schemas.of(`server/${type}.json`), (event) => {
        expect(validateServerEvent(event)).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it('without the override, a direct chat id follows only the pattern (the order rule is the validators’)', () => {
    const plain = new SchemaArbitraries(loadSchemas());
    const verdicts = fc.sample(plain.of('client/user_typing.json'), { numRuns: 300, seed: 1 }).map((frame) => {
      const result = validateClientEvent(frame);
      return result.ok ? 'ok' : result.problems[0]?.code;
    });
    expect(new Set(verdicts)).toEqual(new Set(['ok', 'chat_id_order']));
  });

  it('refuses a schema it does not understand, rather than guessing', () => {
    const odd = new SchemaArbitraries(new Map([['https://x/odd.json', { $id: 'https://x/odd.json', type: 'tuple' }]]));
    expect(() => odd.of('https://x/odd.json')).toThrow('unsupported schema');
  });
});

describe('frames for the fuzzers', () => {
  const world = { userIds: [3, 12, 23], projectIds: [1, 7], messageIds: [5, 54] };

  it('validClientFrame is valid by the spec', () => {
    fc.assert(
      fc.property(validClientFrame(world, 12), (frame) => {
        expect(validateClientEvent(frame)).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it('mutations break what they say they break', () => {
    const frame = {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null },
    };
    const verdict = (text: string) => {
      try {
        const result = validateClientEvent(JSON.parse(text));
        return result.ok ? 'ok' : result.problems.map((p) => `${p.pointer} ${p.code}`);
      } catch {
        return 'not JSON';
      }
    };
    expect(verdict(mutate(frame, { kind: 'reverse_direct_id' }))).toEqual(['/content/chat_id chat_id_order']);
    expect(verdict(mutate(frame, { kind: 'swap_chat_type' }))).toEqual(['/content/chat_id wrong_type']);
    expect(verdict(mutate(frame, { kind: 'add', at: 1, key: '__proto__', value: 1 }))).toEqual([
      '/content/__proto__ unknown_field',
    ]);
    expect(verdict(mutate(frame, { kind: 'drop', at: 4 }))).toEqual(['/content/message missing_field']);
    expect(verdict(mutate(frame, { kind: 'retype', at: 0, value: 7 }))).toEqual(['/type wrong_type']);
    expect(verdict(mutate(frame, { kind: 'text', value: '   ' }))).toEqual(['/content/message too_short']);
    expect(verdict(mutate(frame, { kind: 'not_an_object', value: [1] }))).toEqual([' not_an_object']);
    expect(verdict(mutate(frame, { kind: 'not_json', at: 10 }))).toBe('not JSON');
  });
});
