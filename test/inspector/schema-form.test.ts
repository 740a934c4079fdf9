// The act-as form's model, read from the bundled spec the mock serves at /asyncapi.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENT_TYPES, validateClientEvent } from '../../protocol/index.js';
import {
  buildFrame,
  clientEventTypes,
  eventForm,
  exampleFor,
  fieldForPointer,
  inputText,
  resolve,
  valueOf,
  variantFor,
  type EventForm,
  type InputState,
  type SpecDocument,
  type Variant,
} from '../../inspector/src/schema-form.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'generated', 'asyncapi.json'), 'utf8')) as SpecDocument;

const formOf = (type: string): EventForm => {
  const form = eventForm(spec, type);
  if (!form) throw new Error(`no form for ${type}`);
  return form;
};

/** The inputs a person would see for the example of that chat type. */
const prefilled = (variant: Variant, example: Record<string, unknown> | undefined): Map<string, InputState> => {
  const content = (example?.content ?? {}) as Record<string, unknown>;
  return new Map(
    variant.fields.map((f) => [f.name, { text: inputText(f, content[f.name]), isNull: content[f.name] === null }]),
  );
};

describe('clientEventTypes', () => {
  it('lists exactly the client events of the spec', () => {
    expect(clientEventTypes(spec).sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
  });
});

describe('eventForm', () => {
  it('gives new_message a direct and a project variant with the fields of the schema', () => {
    const form = formOf('new_message');
    expect(form.variants.map((v) => v.chatType)).toEqual(['direct', 'project']);
    const direct = variantFor(form, 'direct');
    expect(direct.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['chat_type', 'const', true],
      ['chat_id', 'string', true],
      ['message', 'text', true],
      ['reply_to', 'nullable-integer', true],
    ]);
    expect(variantFor(form, 'project').fields.find((f) => f.name === 'chat_id')?.kind).toBe('integer');
    expect(direct.fields.find((f) => f.name === 'chat_id')?.pointer).toBe('/content/chat_id');
  });

  it('gives set_online and set_offline one variant without fields', () => {
    for (const type of ['set_online', 'set_offline']) {
      const form = formOf(type);
      expect(form.variants).toEqual([{ chatType: null, title: 'EmptyContent', fields: [] }]);
    }
  });

  it('is undefined for a type that is not a client event', () => {
    expect(eventForm(spec, 'error')).toBeUndefined();
    expect(eventForm(spec, 'edit_message')).toBeUndefined();
  });

  it.each([...CLIENT_EVENT_TYPES])('rebuilds every spec example of %s from its prefilled inputs, valid', (type) => {
    const form = formOf(type);
    expect(form.examples.length).toBeGreaterThan(0);
    for (const example of form.examples) {
      const content = example.payload.content as Record<string, unknown>;
      const variant = variantFor(form, typeof content.chat_type === 'string' ? content.chat_type : null);
      const frame = buildFrame(type, variant, prefilled(variant, example.payload));
      expect(frame).toEqual(example.payload);
      expect(validateClientEvent(frame)).toEqual({ ok: true, event: frame });
    }
  });

  it('finds the example for a chat type, or the first one', () => {
    const form = formOf('new_message');
    expect((exampleFor(form, 'project')?.content as Record<string, unknown>).chat_id).toBe(7);
    expect((exampleFor(form, 'direct')?.content as Record<string, unknown>).chat_id).toBe('12_23');
    expect(exampleFor(formOf('set_online'), null)).toEqual({ type: 'set_online', content: {} });
  });
});

describe('valueOf', () => {
  const direct = variantFor(formOf('new_message'), 'direct');
  const field = (name: string) => {
    const found = direct.fields.find((f) => f.name === name);
    if (!found) throw new Error(name);
    return found;
  };

  it('reads integers, null, and leaves empty fields out', () => {
    expect(valueOf(field('reply_to'), { text: ' 54 ' })).toBe(54);
    expect(valueOf(field('reply_to'), { text: '54', isNull: true })).toBeNull();
    expect(valueOf(field('reply_to'), { text: '' })).toBeUndefined();
    expect(valueOf(field('chat_type'), { text: 'whatever' })).toBe('direct');
  });

  it('sends text that is not what the schema wants as text, for the validator to name', () => {
    expect(valueOf(field('reply_to'), { text: 'abc' })).toBe('abc');
    const frame = buildFrame(
      'new_message',
      direct,
      new Map([
        ['chat_id', { text: '23_12' }],
        ['message', { text: '   ' }],
        ['reply_to', { text: 'abc' }],
      ]),
    );
    expect(frame).toEqual({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '23_12', message: '   ', reply_to: 'abc' },
    });
    const result = validateClientEvent(frame);
    expect(result.ok).toBe(false);
    const pointers = result.ok ? [] : result.problems.map((p) => fieldForPointer(direct, p.pointer));
    expect(new Set(pointers)).toEqual(new Set(['message', 'reply_to', 'chat_id']));
  });
});

describe('resolve', () => {
  it('follows local $refs, keeping the keywords next to them', () => {
    expect(
      resolve(spec, { $ref: '#/components/schemas/Common/definitions/MessageId', description: 'here' }),
    ).toMatchObject({
      type: 'integer',
      minimum: 1,
      description: 'here',
    });
  });

  it('says which $ref points at nothing', () => {
    expect(() => resolve(spec, { $ref: '#/components/schemas/Nope' })).toThrow(
      '$ref #/components/schemas/Nope points at nothing',
    );
  });
});

describe('fieldForPointer', () => {
  it('maps a problem to its field, and the frame-level ones to none', () => {
    const variant = variantFor(formOf('message_read'), 'project');
    expect(fieldForPointer(variant, '/content/message_id')).toBe('message_id');
    expect(fieldForPointer(variant, '/content')).toBeNull();
    expect(fieldForPointer(variant, '/type')).toBeNull();
    expect(fieldForPointer(variant, '')).toBeNull();
  });
});
