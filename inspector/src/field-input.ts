// One field of the act-as form: its label, an input fit for its kind, a one-line hint from the
// schema's description, and the list its problems go into.
import { h } from './dom.js';
import { inputText, type FieldSpec, type InputState } from './schema-form.js';

export interface FieldInputOptions {
  state: InputState;
  /** The input changed. */
  onChange(next: Partial<InputState>): void;
  /** For `chat_type` of an event with variants: the values to choose from, and the choice. */
  variants?: { values: string[]; onSelect(value: string): void };
}

export const fieldInputId = (name: string): string => `act-field-${name}`;

/** The first sentence of a description, without Markdown marks. */
const hintOf = (description: string): string => (description.split(/(?<=\.)\s/)[0] ?? '').replace(/\*\*|`/g, '');

function textInput(field: FieldSpec, options: FieldInputOptions): HTMLElement {
  const id = fieldInputId(field.name);
  const input = h('input', {
    id,
    name: field.name,
    type: 'text',
    inputmode: field.kind === 'string' || field.kind === 'json' ? undefined : 'numeric',
    placeholder: field.placeholder ?? (field.kind === 'string' ? '' : 'an integer'),
    spellcheck: 'false',
  });
  input.value = options.state.text;
  input.addEventListener('input', () => options.onChange({ text: input.value }));
  if (field.kind !== 'nullable-integer') return input;
  const box = h('input', { type: 'checkbox', id: `${id}-null`, name: `${field.name}-null` });
  box.checked = Boolean(options.state.isNull);
  input.disabled = box.checked;
  box.addEventListener('change', () => {
    input.disabled = box.checked;
    options.onChange({ isNull: box.checked });
  });
  return h('div', { class: 'nullable' }, input, h('label', { class: 'null-toggle', for: `${id}-null` }, box, ' null'));
}

function control(field: FieldSpec, options: FieldInputOptions): HTMLElement {
  const id = fieldInputId(field.name);
  if (options.variants) {
    const { values, onSelect } = options.variants;
    const select = h(
      'select',
      { id, name: field.name },
      values.map((v) => h('option', { value: v }, v)),
    );
    select.value = String(field.constValue ?? '');
    select.addEventListener('change', () => onSelect(select.value));
    return select;
  }
  switch (field.kind) {
    case 'const':
      return h('output', { id, class: 'const' }, JSON.stringify(field.constValue));
    case 'enum': {
      const labels = (field.options ?? []).map((o) => inputText(field, o));
      const select = h(
        'select',
        { id, name: field.name },
        labels.map((l) => h('option', { value: l }, l)),
      );
      select.value = options.state.text;
      select.addEventListener('change', () => options.onChange({ text: select.value }));
      return select;
    }
    case 'text': {
      const area = h('textarea', { id, name: field.name, rows: 2, placeholder: field.placeholder ?? '' });
      area.value = options.state.text;
      area.addEventListener('input', () => options.onChange({ text: area.value }));
      return area;
    }
    default:
      return textInput(field, options);
  }
}

export function fieldInput(field: FieldSpec, options: FieldInputOptions): HTMLElement {
  const hint = hintOf(field.description);
  return h(
    'div',
    { class: 'field', 'data-field': field.name },
    h(
      'label',
      { for: fieldInputId(field.name) },
      h('code', {}, field.name),
      field.required ? null : h('span', { class: 'muted' }, ' optional'),
    ),
    control(field, options),
    hint ? h('p', { class: 'field-hint', title: hint }, hint) : null,
    h('ul', { class: 'field-problems', 'data-pointer': field.pointer }),
  );
}
