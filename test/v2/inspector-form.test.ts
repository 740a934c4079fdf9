// The inspector's act-as form under protocol 2: built from version 2's bundled spec (what the mock
// serves at /asyncapi.json with --protocol 2), every example of every client event, shown in the
// form's inputs and read back, is a frame version 2 accepts; file_urls is written as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  clientEventTypes,
  eventForm,
  inputText,
  protocolOf,
  valueOf,
  variantFor,
  type SpecDocument,
} from '../../inspector/src/schema-form.js';
import { CLIENT_EVENT_TYPES, validateClientEvent } from '../../protocol/v2/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as SpecDocument;
const v2 = read('generated/v2/asyncapi.json');

describe('the act-as form of protocol 2', () => {
  it('knows which version a spec is', () => {
    expect(protocolOf(v2)).toBe(2);
    expect(protocolOf(read('generated/asyncapi.json'))).toBe(1);
  });

  it('offers every client event of version 2, edit_message included', () => {
    expect(clientEventTypes(v2).sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
  });

  it('turns each example into inputs and back into a frame version 2 accepts', () => {
    let checked = 0;
    for (const type of CLIENT_EVENT_TYPES) {
      const form = eventForm(v2, type);
      if (!form) throw new Error(`no form for ${type}`);
      for (const example of form.examples) {
        const content = (example.payload.content ?? {}) as Record<string, unknown>;
        const variant = variantFor(form, typeof content.chat_type === 'string' ? content.chat_type : null);
        const inputs = new Map(
          variant.fields.map((f) => [
            f.name,
            { text: inputText(f, content[f.name]), isNull: content[f.name] === null },
          ]),
        );
        const frame = buildFrame(type, variant, inputs);
        expect(frame, `${type} ${example.name}`).toEqual(example.payload);
        expect(validateClientEvent(frame).ok).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('reads file_urls as JSON, and sends text that is not JSON as it is (for the validator to say why)', () => {
    const form = eventForm(v2, 'new_message');
    const field = form?.variants[0]?.fields.find((f) => f.name === 'file_urls');
    expect(field).toMatchObject({ kind: 'json', required: true, placeholder: '[]' });
    if (!field) return;
    expect(valueOf(field, { text: '["https://x.test/a.pdf"]' })).toEqual(['https://x.test/a.pdf']);
    expect(valueOf(field, { text: 'a.pdf' })).toBe('a.pdf');
    expect(valueOf(field, { text: ' ' })).toBeUndefined();
  });
});
