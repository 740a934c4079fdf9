// oneOf/anyOf, $ref targets and recursive schemas, each both ways.
import { describe, expect, it } from 'vitest';
import {
  allChanges,
  changes,
  clientEvent,
  frame,
  object,
  ping,
  reasonOf,
  serverEvent,
  type Schema,
} from './helpers.js';

const direct = (extra: Record<string, Schema> = {}) =>
  object({ chat_type: { const: 'direct' }, chat_id: { type: 'string', pattern: '^[0-9]+_[0-9]+$' }, ...extra });
const project = (extra: Record<string, Schema> = {}, chatId: Schema = { type: 'integer', minimum: 1 }) =>
  object({ chat_type: { const: 'project' }, chat_id: chatId, ...extra });
const union = (...variants: Schema[]): Schema => ({ oneOf: variants });

describe('variants told apart by a discriminator (chat_type)', () => {
  it('a variant removed narrows (breaks senders), added widens (breaks receivers)', () => {
    const both = union(direct(), project());
    const one = union(direct());
    expect(changes(clientEvent(both), clientEvent(one))).toEqual([
      ping('variant.removed', 'breaking', 'clients', '/content', 'chat_type=project'),
    ]);
    expect(changes(clientEvent(one), clientEvent(both))).toEqual([
      ping('variant.added', 'breaking', 'servers', '/content', 'chat_type=project'),
    ]);
    expect(changes(serverEvent(one), serverEvent(both))[0]).toMatchObject({ id: 'variant.added', breaks: 'clients' });
  });

  it('matches variants by their const, whatever their order', () => {
    expect(allChanges(clientEvent(union(direct(), project())), clientEvent(union(project(), direct())))).toEqual([]);
  });

  it('a change in every variant is reported once, without a variant', () => {
    const before = union(direct(), project());
    const after = union(direct({ text: { type: 'string' } }), project({ text: { type: 'string' } }));
    expect(changes(clientEvent(before), clientEvent(after))).toEqual([
      ping('property.added', 'breaking', 'both', '/content/text'),
    ]);
    expect(changes(clientEvent(after), clientEvent(before))).toEqual([
      ping('property.removed', 'breaking', 'both', '/content/text'),
    ]);
  });

  it('a change in one variant names it', () => {
    const before = union(direct(), project());
    const after = union(direct(), project({}, { type: 'string', pattern: '^[1-9][0-9]*$' }));
    const expected = [ping('type.changed', 'breaking', 'both', '/content/chat_id', 'chat_type=project')];
    expect(changes(serverEvent(before), serverEvent(after))).toEqual(expected);
    expect(changes(serverEvent(after), serverEvent(before))).toEqual(expected);
  });

  it('a discriminated union that became one object without the discriminator is compared variant by variant', () => {
    const message = { type: 'string' };
    const before = union(direct({ message }), project({ message }));
    const after = object({ chat_id: { type: 'string' }, message });
    const forward = changes(serverEvent(before), serverEvent(after));
    expect(forward).toEqual([
      ping('pattern.removed', 'breaking', 'clients', '/content/chat_id', 'chat_type=direct'),
      ping('type.changed', 'breaking', 'both', '/content/chat_id', 'chat_type=project'),
      ping('property.removed', 'breaking', 'clients', '/content/chat_type'),
    ]);
    const back = changes(serverEvent(after), serverEvent(before));
    expect(back).toEqual([
      ping('pattern.added', 'breaking', 'servers', '/content/chat_id', 'chat_type=direct'),
      ping('type.changed', 'breaking', 'both', '/content/chat_id', 'chat_type=project'),
      ping('property.added', 'breaking', 'servers', '/content/chat_type'),
    ]);
  });
});

describe('variants without a discriminator', () => {
  const id: Schema = { type: 'integer', minimum: 1 };
  const nested = object({ id, text: { type: 'string' } });
  const nullable = (schema: Schema): Schema => object({ reply_to: { anyOf: [schema, { type: 'null' }] } });

  it('an alternative replaced by one of another type is a type change (reply_to: id -> nested message)', () => {
    const forward = changes(serverEvent(nullable(id)), serverEvent(nullable(nested)));
    expect(forward).toEqual([ping('type.changed', 'breaking', 'both', '/content/reply_to')]);
    expect(changes(serverEvent(nullable(nested)), serverEvent(nullable(id)))).toEqual(forward);
    expect(reasonOf(serverEvent(nullable(id)), serverEvent(nullable(nested)), 'type.changed')).toBe(
      'Type changed: content.reply_to was integer and is object',
    );
  });

  it('an alternative added widens, removed narrows', () => {
    const two = object({ v: { anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    const three = object({ v: { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] } });
    expect(changes(clientEvent(two), clientEvent(three))).toEqual([
      ping('variant.added', 'breaking', 'servers', '/content/v'),
    ]);
    expect(reasonOf(clientEvent(two), clientEvent(three), 'variant.added')).toBe(
      'content.v can now also be null: servers built against the base do not accept it',
    );
    expect(changes(clientEvent(three), clientEvent(two))).toEqual([
      ping('variant.removed', 'breaking', 'clients', '/content/v'),
    ]);
  });

  it('a plain schema that became a union counts as a union of one', () => {
    const plain = object({ v: { type: 'integer' } });
    const either = object({ v: { oneOf: [{ type: 'integer' }, { type: 'string' }] } });
    expect(changes(serverEvent(plain), serverEvent(either))).toEqual([
      ping('variant.added', 'breaking', 'clients', '/content/v'),
    ]);
    expect(changes(serverEvent(either), serverEvent(plain))).toEqual([
      ping('variant.removed', 'breaking', 'servers', '/content/v'),
    ]);
  });
});

describe('$ref', () => {
  const defs = {
    MessageId: { type: 'integer', minimum: 1 },
    UserId: { type: 'integer', minimum: 1 },
    Text: { type: 'string', maxLength: 10 },
  };
  const withRef = (target: string, extraDefs: Record<string, Schema> = {}) => ({
    server: { ping: frame('ping', object({ x: { $ref: `common.json#/definitions/${target}` } })) },
    files: { 'common.json': { definitions: { ...defs, ...extraDefs } } },
  });

  it('a $ref that points elsewhere is info; the payload changes are reported apart', () => {
    expect(allChanges(withRef('MessageId'), withRef('UserId'))).toEqual([
      ping('ref.target-changed', 'info', 'none', '/content/x'),
    ]);
    expect(allChanges(withRef('UserId'), withRef('Text'))).toEqual([
      ping('type.changed', 'breaking', 'both', '/content/x'),
      ping('ref.target-changed', 'info', 'none', '/content/x'),
    ]);
    expect(reasonOf(withRef('MessageId'), withRef('UserId'), 'ref.target-changed')).toBe(
      '$ref now points to common.json#/definitions/UserId (was common.json#/definitions/MessageId)',
    );
  });

  it('follows a change made in the referenced file', () => {
    expect(changes(withRef('Text'), withRef('Text', { Text: { type: 'string', maxLength: 5 } }))).toEqual([
      ping('length.narrowed', 'breaking', 'servers', '/content/x'),
    ]);
  });

  it('compares recursive schemas to the end (a message that answers a message)', () => {
    const message = (extra: Record<string, Schema>) => ({
      type: 'object',
      properties: {
        id: { type: 'integer' },
        reply_to: { anyOf: [{ $ref: '#/definitions/Message' }, { type: 'null' }] },
        ...extra,
      },
    });
    const spec = (extra: Record<string, Schema>) => ({
      server: { ping: { $ref: 'ping.json' } },
      files: { 'ping.json': { $ref: '#/definitions/Message', definitions: { Message: message(extra) } } },
    });
    expect(allChanges(spec({}), spec({}))).toEqual([]);
    expect(changes(spec({}), spec({ is_edited: { type: 'boolean' } }))).toEqual([
      ping('property.added', 'non-breaking', 'none', '/is_edited'),
    ]);
  });
});
