// The rules for objects, each both ways (base -> revision, then back), in both directions of travel.
import { describe, expect, it } from 'vitest';
import { changes, clientEvent, object, ping, reasonOf, report, serverEvent, type Schema } from './helpers.js';

const int: Schema = { type: 'integer' };
const str: Schema = { type: 'string' };
const at = (pointer: string, id: string, severity: string, breaks: string) => ping(id, severity, breaks, pointer);

describe('a field added or removed', () => {
  const without = object({ a: int });
  const required = object({ a: int, b: str });
  const optional = object({ a: int, b: str }, ['b']);

  it('client -> server, required, closed object: breaks both sides either way', () => {
    expect(changes(clientEvent(without), clientEvent(required))).toEqual([
      at('/content/b', 'property.added', 'breaking', 'both'),
    ]);
    expect(changes(clientEvent(required), clientEvent(without))).toEqual([
      at('/content/b', 'property.removed', 'breaking', 'both'),
    ]);
  });

  it('client -> server, optional, closed object: old servers refuse it when added; old clients are refused when removed', () => {
    expect(changes(clientEvent(without), clientEvent(optional))).toEqual([
      at('/content/b', 'property.added', 'breaking', 'servers'),
    ]);
    expect(changes(clientEvent(optional), clientEvent(without))).toEqual([
      at('/content/b', 'property.removed', 'breaking', 'clients'),
    ]);
  });

  it('client -> server, optional, open object: breaks nobody either way', () => {
    const open = (s: Schema) => ({ ...s, additionalProperties: true });
    expect(changes(clientEvent(open(without)), clientEvent(open(optional)))).toEqual([
      at('/content/b', 'property.added', 'non-breaking', 'none'),
    ]);
    expect(changes(clientEvent(open(optional)), clientEvent(open(without)))).toEqual([
      at('/content/b', 'property.removed', 'non-breaking', 'none'),
    ]);
  });

  it('client -> server, required, open object: a new one breaks old clients, a removed one old servers', () => {
    const open = (s: Schema) => ({ ...s, additionalProperties: true });
    expect(changes(clientEvent(open(without)), clientEvent(open(required)))).toEqual([
      at('/content/b', 'property.added', 'breaking', 'clients'),
    ]);
    expect(changes(clientEvent(open(required)), clientEvent(open(without)))).toEqual([
      at('/content/b', 'property.removed', 'breaking', 'servers'),
    ]);
  });

  it('server -> client, required: a new one breaks old servers (they do not send it), a removed one old clients', () => {
    expect(changes(serverEvent(without), serverEvent(required))).toEqual([
      at('/content/b', 'property.added', 'breaking', 'servers'),
    ]);
    expect(changes(serverEvent(required), serverEvent(without))).toEqual([
      at('/content/b', 'property.removed', 'breaking', 'clients'),
    ]);
  });

  it('server -> client, optional: non-breaking either way, since clients ignore unknown fields', () => {
    const added = report(serverEvent(without), serverEvent(optional)).findings.find((f) => f.id === 'property.added');
    expect(added).toMatchObject({ severity: 'non-breaking', breaks: 'none' });
    expect(added?.reason).toBe('A new optional field "b": clients ignore fields they do not know');
    const removed = report(serverEvent(optional), serverEvent(without)).findings.find(
      (f) => f.id === 'property.removed',
    );
    expect(removed).toMatchObject({ severity: 'non-breaking', breaks: 'none' });
    expect(removed?.reason).toBe(
      'The optional field "b" was removed: clients built against the base already handle its absence, and clients ignore it if an older server still sends it',
    );
  });

  it('says what each side does wrong, in one line', () => {
    expect(reasonOf(clientEvent(without), clientEvent(required), 'property.added')).toBe(
      'A new required field "b": clients built against the base do not send it; servers built against the base refuse unknown fields here (additionalProperties: false)',
    );
    expect(reasonOf(clientEvent(required), clientEvent(without), 'property.removed')).toBe(
      'The required field "b" was removed: clients built against the base still send it, and the revision refuses unknown fields; servers built against the base require it',
    );
  });

  it('a rename is a removal plus an addition, breaking both sides, and the removal names the likely new name', () => {
    const before = object({ message: str, reply_to: int });
    const after = object({ text: str, reply_to: int });
    expect(changes(clientEvent(before), clientEvent(after))).toEqual([
      at('/content/message', 'property.removed', 'breaking', 'both'),
      at('/content/text', 'property.added', 'breaking', 'both'),
    ]);
    expect(reasonOf(clientEvent(before), clientEvent(after), 'property.removed')).toMatch(
      /^The required field "message" was removed \(renamed to "text"\?\): /,
    );
    expect(changes(clientEvent(after), clientEvent(before))).toEqual([
      at('/content/message', 'property.added', 'breaking', 'both'),
      at('/content/text', 'property.removed', 'breaking', 'both'),
    ]);
  });

  it('finds fields deep in nested objects, with the JSON pointer of the field', () => {
    const nest = (inner: Schema) => object({ message: object({ author: inner }) });
    expect(changes(serverEvent(nest(without)), serverEvent(nest(required)))).toEqual([
      at('/content/message/author/b', 'property.added', 'breaking', 'servers'),
    ]);
    expect(changes(serverEvent(nest(required)), serverEvent(nest(without)))).toEqual([
      at('/content/message/author/b', 'property.removed', 'breaking', 'clients'),
    ]);
  });
});

describe('a field made required or optional', () => {
  const optional = object({ a: int }, ['a']);
  const required = object({ a: int });

  it('client -> server: now required breaks clients (they may leave it out); now optional breaks servers', () => {
    expect(changes(clientEvent(optional), clientEvent(required))).toEqual([
      at('/content/a', 'property.now-required', 'breaking', 'clients'),
    ]);
    expect(changes(clientEvent(required), clientEvent(optional))).toEqual([
      at('/content/a', 'property.now-optional', 'breaking', 'servers'),
    ]);
  });

  it('server -> client: now required breaks servers; now optional breaks clients (they expect it)', () => {
    expect(changes(serverEvent(optional), serverEvent(required))).toEqual([
      at('/content/a', 'property.now-required', 'breaking', 'servers'),
    ]);
    expect(changes(serverEvent(required), serverEvent(optional))).toEqual([
      at('/content/a', 'property.now-optional', 'breaking', 'clients'),
    ]);
    expect(reasonOf(serverEvent(required), serverEvent(optional), 'property.now-optional')).toBe(
      '"a" became optional: clients built against the base expect it every time',
    );
  });
});

describe('unknown fields (additionalProperties)', () => {
  const closed = object({ a: int });
  const open = { ...closed, additionalProperties: true };
  const unsaid: Schema = { ...closed };
  delete unsaid.additionalProperties;

  it('client -> server: closing breaks clients that send extra fields; opening breaks servers built to refuse them', () => {
    expect(changes(clientEvent(open), clientEvent(closed))).toEqual([
      at('/content', 'additional-properties.narrowed', 'breaking', 'clients'),
    ]);
    expect(changes(clientEvent(closed), clientEvent(open))).toEqual([
      at('/content', 'additional-properties.widened', 'breaking', 'servers'),
    ]);
  });

  it('a missing additionalProperties means open', () => {
    expect(changes(clientEvent(unsaid), clientEvent(closed))).toEqual([
      at('/content', 'additional-properties.narrowed', 'breaking', 'clients'),
    ]);
    expect(changes(clientEvent(closed), clientEvent(unsaid))).toEqual([
      at('/content', 'additional-properties.widened', 'breaking', 'servers'),
    ]);
    expect(changes(clientEvent(unsaid), clientEvent(open))).toEqual([]);
  });

  it('server -> client: non-breaking either way (clients ignore unknown fields)', () => {
    expect(changes(serverEvent(open), serverEvent(closed))).toEqual([
      at('/content', 'additional-properties.narrowed', 'non-breaking', 'none'),
    ]);
    expect(changes(serverEvent(closed), serverEvent(open))).toEqual([
      at('/content', 'additional-properties.widened', 'non-breaking', 'none'),
    ]);
  });

  it('compares additionalProperties schemas as the values of any other field (/*)', () => {
    const map = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
    expect(changes(clientEvent(map(int)), clientEvent(map(str)))).toEqual([
      at('/content/*', 'type.changed', 'breaking', 'both'),
    ]);
    expect(changes(clientEvent(map(str)), clientEvent(map(int)))).toEqual([
      at('/content/*', 'type.changed', 'breaking', 'both'),
    ]);
  });
});
