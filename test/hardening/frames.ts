// Client frames for fuzzing: valid ones read off schemas/client/*.json (ids drawn mostly from the
// world, so the domain rules get exercised, not only "not found"), and invalid ones made by
// mutating them (a key dropped or added, a type changed, chat types swapped, a direct id reversed,
// huge or blank strings, prototype keys, not an object, not JSON).
import fc from 'fast-check';
import { CLIENT_EVENT_TYPES } from '../../protocol/index.js';
import { SchemaArbitraries, loadSchemas } from './schema-arbitrary.js';

export interface WorldFacts {
  userIds: readonly number[];
  projectIds: readonly number[];
  messageIds: readonly number[];
}

/** A direct chat id in the right order, from two different ids. */
const orderedPair = (ids: fc.Arbitrary<number>): fc.Arbitrary<string> =>
  fc
    .tuple(ids, ids)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => (a < b ? `${a}_${b}` : `${b}_${a}`));

/** Every client event, valid by the spec, with ids mostly from `world` (some random ones too). */
export function validClientFrame(world: WorldFacts, actingUserId?: number): fc.Arbitrary<Record<string, unknown>> {
  const userId = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...world.userIds) },
    fc.integer({ min: 1, max: 10_000 }),
  );
  const withActor =
    actingUserId === undefined
      ? orderedPair(userId)
      : userId
          .filter((id) => id !== actingUserId)
          .map((id) => (id < actingUserId ? `${id}_${actingUserId}` : `${actingUserId}_${id}`));
  const schemas = new SchemaArbitraries(loadSchemas(), {
    overrides: {
      DirectChatId: fc.oneof({ weight: 3, arbitrary: withActor }, orderedPair(userId)),
      ProjectChatId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.projectIds) }, fc.integer({ min: 1 })),
      MessageId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.messageIds) }, fc.integer({ min: 1 })),
      MessageText: fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0) },
        fc.constantFrom('👋🏽 привет', 'مرحبا \u202e', 'nul\u0000inside', '  padded  ', 'x'.repeat(8192)),
      ),
    },
  });
  return fc.oneof(...CLIENT_EVENT_TYPES.map((type) => schemas.of(`client/${type}.json`))) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/** Values that are wrong almost anywhere. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    2 ** 53,
    1e300,
    '',
    ' ',
    true,
    false,
    [],
    {},
    '12_23',
    '23_12',
    'direct',
    'project',
  ),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('x'.repeat(9000), '😀'.repeat(5000), '\u0000'.repeat(100), ' '.repeat(9000)),
);

const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'user_id', 'author_id', 'id', 'type', 'content', 'extra'),
  fc.string({ maxLength: 10 }),
);

type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'swap_chat_type' }
  | { kind: 'reverse_direct_id' }
  | { kind: 'text'; value: string }
  | { kind: 'type'; value: string }
  | { kind: 'not_an_object'; value: unknown }
  | { kind: 'not_json'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: oddKey, value: junk }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: junk }),
  fc.record({ kind: fc.constant('swap_chat_type' as const) }),
  fc.record({ kind: fc.constant('reverse_direct_id' as const) }),
  fc.record({
    kind: fc.constant('text' as const),
    value: fc.constantFrom('', '   ', '\n\t', '\u3000', 'x'.repeat(8193), 'y'.repeat(20_000)),
  }),
  fc.record({
    kind: fc.constant('type' as const),
    value: fc.oneof(fc.constantFrom(...CLIENT_EVENT_TYPES, 'edit_message', 'error', '__proto__', ''), fc.string()),
  }),
  fc.record({
    kind: fc.constant('not_an_object' as const),
    value: fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  }),
  fc.record({ kind: fc.constant('not_json' as const), at: fc.nat() }),
);

/** Every (object, key) place in a frame, depth first. */
function places(value: unknown, out: [Record<string, unknown>, string][] = []): [Record<string, unknown>, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    out.push([obj, key]);
    places(obj[key], out);
  }
  return out;
}

/** Every object in a frame (where a key can be added). */
function objects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  out.push(value as Record<string, unknown>);
  for (const child of Object.values(value)) objects(child, out);
  return out;
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
const setOwn = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
};

/** The text of `frame` after one mutation (which may, now and then, leave it valid). */
export function mutate(frame: Record<string, unknown>, m: Mutation): string {
  const copy = structuredClone(frame);
  const content = copy.content as Record<string, unknown> | undefined;
  switch (m.kind) {
    case 'drop': {
      const all = places(copy);
      const place = all[m.at % all.length];
      if (place) delete place[0][place[1]];
      break;
    }
    case 'add': {
      const all = objects(copy);
      const target = all[m.at % all.length];
      if (target) setOwn(target, m.key, m.value);
      break;
    }
    case 'retype': {
      const all = places(copy);
      const place = all[m.at % all.length];
      if (place) setOwn(place[0], place[1], m.value);
      break;
    }
    case 'swap_chat_type':
      if (content && typeof content.chat_type === 'string')
        content.chat_type = content.chat_type === 'direct' ? 'project' : 'direct';
      else if (content) content.chat_type = 'direct';
      break;
    case 'reverse_direct_id':
      if (content && typeof content.chat_id === 'string')
        content.chat_id = content.chat_id.split('_').reverse().join('_');
      else if (content) content.chat_id = '23_12';
      break;
    case 'text':
      if (content) content.message = m.value;
      break;
    case 'type':
      copy.type = m.value;
      break;
    case 'not_an_object':
      return JSON.stringify(m.value);
    case 'not_json': {
      const text = JSON.stringify(copy);
      return text.slice(0, m.at % text.length);
    }
  }
  return JSON.stringify(copy);
}

/** Frame texts: about a third valid, the rest mutated. */
export function clientFrameText(world: WorldFacts, actingUserId?: number): fc.Arbitrary<string> {
  const valid = validClientFrame(world, actingUserId);
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((frame) => JSON.stringify(frame)) },
    { weight: 2, arbitrary: fc.tuple(valid, mutation).map(([frame, m]) => mutate(frame, m)) },
  );
}

export function worldFacts(state: {
  users: { id: number }[];
  projects: { id: number }[];
  messages: { id: number }[];
}): WorldFacts {
  return {
    userIds: state.users.map((u) => u.id),
    projectIds: state.projects.map((p) => p.id),
    messageIds: state.messages.map((m) => m.id),
  };
}
