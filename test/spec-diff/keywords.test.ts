// The rules for a schema's own keywords, each both ways and in both directions of travel: a narrowed
// payload breaks its senders built against the base, a widened one its receivers.
import { describe, expect, it } from 'vitest';
import { changes, clientEvent, object, ping, reasonOf, serverEvent, type Schema } from './helpers.js';

const field = (schema: Schema) => object({ f: schema });
const client = (schema: Schema) => clientEvent(field(schema));
const server = (schema: Schema) => serverEvent(field(schema));
const one = (id: string, severity: string, breaks: string, pointer = '/content/f') => [
  ping(id, severity, breaks, pointer),
];

/** base -> revision narrows: client -> server breaks clients, server -> client breaks servers; and back. */
function narrowing(base: Schema, revision: Schema, narrowed: string, widened: string): void {
  expect(changes(client(base), client(revision))).toEqual(one(narrowed, 'breaking', 'clients'));
  expect(changes(client(revision), client(base))).toEqual(one(widened, 'breaking', 'servers'));
  expect(changes(server(base), server(revision))).toEqual(one(narrowed, 'breaking', 'servers'));
  expect(changes(server(revision), server(base))).toEqual(one(widened, 'breaking', 'clients'));
}

/** base -> revision changes the allowed values so neither contains the other: both sides break, both ways. */
function incomparable(base: Schema, revision: Schema, id: string): void {
  for (const side of [client, server]) {
    expect(changes(side(base), side(revision))).toEqual(one(id, 'breaking', 'both'));
    expect(changes(side(revision), side(base))).toEqual(one(id, 'breaking', 'both'));
  }
}

describe('type', () => {
  it('fewer types narrows, more widens (null added to an integer)', () => {
    narrowing({ type: ['integer', 'null'] }, { type: 'integer' }, 'type.narrowed', 'type.widened');
  });
  it('number -> integer narrows (an integer is a number)', () => {
    narrowing({ type: 'number' }, { type: 'integer' }, 'type.narrowed', 'type.widened');
  });
  it('no type -> a type narrows', () => {
    narrowing({}, { type: 'string' }, 'type.narrowed', 'type.widened');
  });
  it('integer -> string changes the type: both sides break, and nothing else is compared', () => {
    incomparable({ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^[1-9][0-9]*$' }, 'type.changed');
    expect(reasonOf(client({ type: 'integer' }), client({ type: 'string' }), 'type.changed')).toBe(
      'Type changed: content.f was integer and is string',
    );
  });
  it('the same types in another order, or integer beside number, are no change', () => {
    expect(changes(client({ type: ['string', 'null'] }), client({ type: ['null', 'string'] }))).toEqual([]);
    expect(changes(client({ type: 'number' }), client({ type: ['number', 'integer'] }))).toEqual([]);
  });
});

describe('enum and const', () => {
  it('a value removed narrows, a value added widens', () => {
    narrowing(
      { enum: ['direct', 'project', 'group'] },
      { enum: ['direct', 'project'] },
      'enum.narrowed',
      'enum.widened',
    );
    expect(
      reasonOf(
        client({ enum: ['direct', 'project', 'group'] }),
        client({ enum: ['direct', 'project'] }),
        'enum.narrowed',
      ),
    ).toBe('content.f no longer allows "group"');
  });
  it('no list -> a list narrows', () => {
    narrowing({ type: 'string' }, { type: 'string', enum: ['a', 'b'] }, 'enum.narrowed', 'enum.widened');
  });
  it('enum [x] and const x are the same', () => {
    expect(changes(client({ enum: ['direct'] }), client({ const: 'direct' }))).toEqual([]);
  });
  it('a const that changes breaks both sides', () => {
    incomparable({ type: 'string', const: 'direct' }, { type: 'string', const: 'group' }, 'enum.changed');
    expect(reasonOf(client({ const: 'direct' }), client({ const: 'group' }), 'enum.changed')).toBe(
      'content.f changed from "direct" to "group"',
    );
  });
});

describe('pattern and format', () => {
  it('a pattern added narrows, removed widens', () => {
    narrowing({ type: 'string' }, { type: 'string', pattern: '^[0-9]+$' }, 'pattern.added', 'pattern.removed');
  });
  it('a pattern changed breaks both sides (patterns cannot be compared in general)', () => {
    incomparable(
      { type: 'string', pattern: '^[0-9]+$' },
      { type: 'string', pattern: '^[0-9]{1,16}$' },
      'pattern.changed',
    );
  });
  it('a format added narrows, removed widens, changed breaks both', () => {
    narrowing({ type: 'string' }, { type: 'string', format: 'date-time' }, 'format.added', 'format.removed');
    incomparable({ type: 'string', format: 'date-time' }, { type: 'string', format: 'date' }, 'format.changed');
  });
});

describe('bounds', () => {
  it('maxLength lowered narrows, raised widens', () => {
    narrowing(
      { type: 'string', maxLength: 8192 },
      { type: 'string', maxLength: 4096 },
      'length.narrowed',
      'length.widened',
    );
    expect(
      reasonOf(
        client({ type: 'string', maxLength: 8192 }),
        client({ type: 'string', maxLength: 4096 }),
        'length.narrowed',
      ),
    ).toBe('content.f: maxLength lowered from 8192 to 4096');
  });
  it('minLength raised or added narrows, lowered or dropped widens', () => {
    narrowing({ type: 'string', minLength: 1 }, { type: 'string', minLength: 2 }, 'length.narrowed', 'length.widened');
    narrowing({ type: 'string' }, { type: 'string', minLength: 1 }, 'length.narrowed', 'length.widened');
  });
  it('minimum, maximum and the exclusive bounds', () => {
    narrowing({ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 1 }, 'range.narrowed', 'range.widened');
    narrowing({ type: 'integer', maximum: 100 }, { type: 'integer', maximum: 10 }, 'range.narrowed', 'range.widened');
    narrowing({ type: 'number' }, { type: 'number', exclusiveMinimum: 0 }, 'range.narrowed', 'range.widened');
    narrowing(
      { type: 'number', exclusiveMaximum: 10 },
      { type: 'number', exclusiveMaximum: 5 },
      'range.narrowed',
      'range.widened',
    );
  });
  it('multipleOf: a multiple of the old one narrows, a divisor widens, anything else breaks both', () => {
    narrowing(
      { type: 'integer', multipleOf: 2 },
      { type: 'integer', multipleOf: 4 },
      'range.narrowed',
      'range.widened',
    );
    incomparable({ type: 'integer', multipleOf: 2 }, { type: 'integer', multipleOf: 3 }, 'range.changed');
  });
  it('minItems, maxItems and uniqueItems', () => {
    narrowing({ type: 'array', maxItems: 10 }, { type: 'array', maxItems: 5 }, 'size.narrowed', 'size.widened');
    narrowing({ type: 'array' }, { type: 'array', minItems: 1 }, 'size.narrowed', 'size.widened');
    narrowing({ type: 'array' }, { type: 'array', uniqueItems: true }, 'size.narrowed', 'size.widened');
  });
  it('minProperties and maxProperties', () => {
    narrowing({ type: 'object' }, { type: 'object', maxProperties: 3 }, 'size.narrowed', 'size.widened');
  });
});

describe('array items', () => {
  it('are compared at /*', () => {
    const list = (items: Schema): Schema => ({ type: 'array', items });
    expect(changes(client(list({ type: 'string' })), client(list({ type: 'string', format: 'uri' })))).toEqual(
      one('format.added', 'breaking', 'clients', '/content/f/*'),
    );
    expect(changes(client(list({ type: 'string', format: 'uri' })), client(list({ type: 'string' })))).toEqual(
      one('format.removed', 'breaking', 'servers', '/content/f/*'),
    );
  });
});

describe('keywords this check does not analyse', () => {
  it('a changed allOf is reported as breaking both sides, to be reviewed by hand', () => {
    const base = { allOf: [{ type: 'string' }, { minLength: 1 }] };
    const revision = { allOf: [{ type: 'string' }, { minLength: 2 }] };
    incomparable(base, revision, 'schema.unchecked-change');
    expect(reasonOf(client(base), client(revision), 'schema.unchecked-change')).toBe(
      'content.f: allOf changed, which this check does not analyse: review it by hand',
    );
  });
  it('descriptions, titles and examples are no change', () => {
    expect(
      changes(
        client({ type: 'string', description: 'a', title: 'A', examples: ['x'] }),
        client({ type: 'string', description: 'b', title: 'B', examples: ['y'] }),
      ),
    ).toEqual([]);
  });
});
