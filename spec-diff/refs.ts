// JSON pointers and `$ref` strings: splitting a ref into its file and pointer, and reading the value
// a pointer names (with the protocol core's pointer helpers).
import { appendPointer, valueAt as pointerValue } from '../protocol/pointer.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The child pointer of `pointer` at `token` (a property name or an array index). */
export const childPointer = (pointer: string, token: string | number): string => appendPointer(pointer, String(token));

/** The value `pointer` names in `root`, or undefined (own properties only; a pointer starts with `/`). */
export const valueAt = (root: unknown, pointer: string): unknown =>
  pointer === '' || pointer.startsWith('/') ? pointerValue(root, pointer) : undefined;

export interface RefParts {
  /** The part before `#` (empty for a ref into the same file). */
  readonly location: string;
  /** The JSON pointer after `#` (`""` for the whole file), URI-decoded. */
  readonly pointer: string;
}

/** Splits `./schemas/common.json#/definitions/User`; undefined for a fragment that is not a pointer. */
export function splitRef(ref: string): RefParts | undefined {
  const hash = ref.indexOf('#');
  const location = hash < 0 ? ref : ref.slice(0, hash);
  let fragment = hash < 0 ? '' : ref.slice(hash + 1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  if (fragment !== '' && !fragment.startsWith('/')) return undefined;
  return { location, pointer: fragment };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Stable JSON: object keys sorted, for comparing values. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}
