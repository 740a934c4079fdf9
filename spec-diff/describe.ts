// Short readable descriptions of schema values, for the one-line reasons.
import { isObject } from './refs.js';

export const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

export function showList(values: readonly unknown[], max = 6): string {
  const shown = values.slice(0, max).map(show).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

export const showTypes = (types: ReadonlySet<string> | undefined): string =>
  types ? [...types].sort().join(' or ') || 'nothing' : 'anything';

/** `MessageId (integer)`, `null`, `string matching ^[1-9][0-9]*$`, `object with chat_type "project"`. */
export function summarize(schema: unknown): string {
  if (schema === true) return 'anything';
  if (!isObject(schema)) return 'nothing';
  if (schema.const !== undefined) return show(schema.const);
  const type = Array.isArray(schema.type)
    ? schema.type.join(' or ')
    : typeof schema.type === 'string'
      ? schema.type
      : '';
  let text = type || (isObject(schema.properties) ? 'object' : 'any value');
  if (typeof schema.pattern === 'string') text += ` matching ${schema.pattern}`;
  else if (typeof schema.format === 'string') text += ` (${schema.format})`;
  if (Array.isArray(schema.enum)) text += ` in ${showList(schema.enum)}`;
  return typeof schema.title === 'string' ? `${schema.title} (${text})` : text;
}
