// The act-as form's model, read from the bundled spec (/asyncapi.json): for a client event type,
// its content variants (direct / project), their fields, and the spec's examples; and back from
// the inputs' text to a frame. Pure data, no DOM: unit-tested in Node.

export type JsonSchema = Record<string, unknown>;
export interface SpecDocument {
  info?: { version?: string };
  components?: { messages?: Record<string, SpecMessage>; schemas?: Record<string, JsonSchema> };
}
export interface SpecMessage {
  name?: string;
  title?: string;
  summary?: string;
  tags?: { name: string }[];
  payload?: JsonSchema;
  examples?: { name?: string; summary?: string; payload?: unknown }[];
}

export type FieldKind = 'const' | 'enum' | 'integer' | 'nullable-integer' | 'text' | 'string' | 'json';

export interface FieldSpec {
  name: string;
  /** JSON pointer of the field in the frame, e.g. `/content/chat_id`. */
  pointer: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** For `const`. */
  constValue?: unknown;
  /** For `enum`. */
  options?: unknown[];
  /** An example value the schema gives. */
  placeholder?: string;
}

export interface Variant {
  /** The `chat_type` this variant is for; null for events without variants. */
  chatType: string | null;
  title: string;
  fields: FieldSpec[];
}

export interface EventForm {
  type: string;
  summary: string;
  variants: Variant[];
  examples: { name: string; summary: string; payload: Record<string, unknown> }[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** Follows local `$ref`s (`#/components/…`) until a schema without one. */
export function resolve(doc: SpecDocument, schema: unknown, depth = 0): JsonSchema {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (!ref.startsWith('#/') || depth > 32) throw new Error(`cannot follow $ref ${ref}`);
  let node: unknown = doc;
  for (const token of ref.slice(2).split('/')) {
    node = isObject(node) ? node[unescapeToken(token)] : undefined;
  }
  if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
  // Keywords next to the $ref (a description) override the target's.
  const { $ref: _ignored, ...siblings } = schema;
  return { ...resolve(doc, node, depth + 1), ...siblings };
}

const isClientMessage = (key: string, message: SpecMessage): boolean =>
  key.startsWith('client') || (message.tags ?? []).some((t) => t.name === 'client-to-server');

/** The spec's message for a client event type. */
export function clientMessage(doc: SpecDocument, type: string): SpecMessage | undefined {
  const messages = doc.components?.messages ?? {};
  return Object.entries(messages).find(([key, m]) => m.name === type && isClientMessage(key, m))?.[1];
}

export function clientEventTypes(doc: SpecDocument): string[] {
  const messages = doc.components?.messages ?? {};
  return Object.entries(messages)
    .filter(([key, m]) => isClientMessage(key, m) && typeof m.name === 'string')
    .map(([, m]) => m.name as string);
}

function fieldOf(doc: SpecDocument, name: string, raw: unknown, required: boolean): FieldSpec {
  const schema = resolve(doc, raw);
  const pointer = `/content/${name}`;
  const description = typeof schema.description === 'string' ? schema.description : '';
  const base = { name, pointer, required, description };
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const placeholder = examples.length ? { placeholder: String(examples[0]) } : {};
  if ('const' in schema) return { ...base, kind: 'const', constValue: schema.const };
  if (Array.isArray(schema.enum)) return { ...base, kind: 'enum', options: schema.enum };
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (branches) {
    const types = branches.map((b) => resolve(doc, b).type);
    if (types.includes('integer') && types.includes('null'))
      return { ...base, kind: 'nullable-integer', ...placeholder };
  }
  if (schema.type === 'integer' || schema.type === 'number') return { ...base, kind: 'integer', ...placeholder };
  if (schema.type === 'string' && schema.title === 'MessageText') return { ...base, kind: 'text', ...placeholder };
  if (schema.type === 'array' || schema.type === 'object') return { ...base, kind: 'json', placeholder: '[]' };
  return { ...base, kind: 'string', ...placeholder };
}

function variantOf(doc: SpecDocument, raw: unknown): Variant {
  const schema = resolve(doc, raw);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields = Object.entries(properties).map(([name, prop]) => fieldOf(doc, name, prop, required.has(name)));
  const chatType = fields.find((f) => f.name === 'chat_type' && f.kind === 'const')?.constValue;
  return {
    chatType: typeof chatType === 'string' ? chatType : null,
    title: typeof schema.title === 'string' ? schema.title : '',
    fields,
  };
}

/** The form for a client event type, or undefined when the spec has no such client event. */
export function eventForm(doc: SpecDocument, type: string): EventForm | undefined {
  const message = clientMessage(doc, type);
  if (!message) return undefined;
  const payload = resolve(doc, message.payload);
  const properties = isObject(payload.properties) ? payload.properties : {};
  const content = resolve(doc, properties.content);
  const branches = Array.isArray(content.oneOf) ? content.oneOf : Array.isArray(content.anyOf) ? content.anyOf : null;
  const variants = branches ? branches.map((b) => variantOf(doc, b)) : [variantOf(doc, content)];
  const examples = (message.examples ?? [])
    .filter((e): e is { name?: string; summary?: string; payload: Record<string, unknown> } => isObject(e.payload))
    .map((e, i) => ({ name: e.name ?? `example ${i + 1}`, summary: e.summary ?? '', payload: e.payload }));
  return { type, summary: message.summary ?? '', variants, examples };
}

export function variantFor(form: EventForm, chatType: string | null): Variant {
  const first = form.variants[0];
  if (!first) throw new Error(`the spec gives ${form.type} no content schema`);
  return form.variants.find((v) => v.chatType === chatType) ?? first;
}

/** The spec's example for that chat type (or the first one), if any. */
export function exampleFor(form: EventForm, chatType: string | null): Record<string, unknown> | undefined {
  const matching = form.examples.find((e) => isObject(e.payload.content) && e.payload.content.chat_type === chatType);
  return (matching ?? form.examples[0])?.payload;
}

/** What an input shows for a value of the frame. */
export function inputText(field: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface InputState {
  text: string;
  /** For `nullable-integer`: the "null" box. */
  isNull?: boolean;
}

/**
 * The value an input's text stands for, or `undefined` to leave the field out. Text that is not
 * what the schema wants is sent as text anyway, so the validator can say what is wrong with it.
 */
export function valueOf(field: FieldSpec, input: InputState): unknown {
  const text = input.text;
  switch (field.kind) {
    case 'const':
      return field.constValue;
    case 'nullable-integer':
    case 'integer': {
      if (field.kind === 'nullable-integer' && input.isNull) return null;
      const trimmed = text.trim();
      if (trimmed === '') return undefined;
      return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
    }
    case 'enum': {
      const option = field.options?.find((o) => inputText(field, o) === text);
      return option === undefined ? text : option;
    }
    case 'string':
      // A project chat id is an integer: only strings are read as they are.
      return text;
    case 'text':
      return text;
    case 'json': {
      // A list (`file_urls`) is written as JSON; text that is not JSON is sent as it is.
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
}

/** The protocol version a spec document describes: the major number of its info.version. */
export function protocolOf(doc: SpecDocument): number {
  const major = Number(/^(\d+)\./.exec(doc.info?.version ?? '')?.[1]);
  return Number.isSafeInteger(major) && major > 0 ? major : 1;
}

/** The frame the form describes. */
export function buildFrame(
  type: string,
  variant: Variant,
  inputs: ReadonlyMap<string, InputState>,
): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const field of variant.fields) {
    const value = valueOf(field, inputs.get(field.name) ?? { text: '' });
    if (value !== undefined) content[field.name] = value;
  }
  return { type, content };
}

/** Which field a problem's pointer belongs to (`/content/chat_id` → `chat_id`); null for the rest. */
export function fieldForPointer(variant: Variant, pointer: string): string | null {
  const field = variant.fields.find((f) => pointer === f.pointer || pointer.startsWith(`${f.pointer}/`));
  return field ? field.name : null;
}
