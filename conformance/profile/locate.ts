// Finding a field in a server frame wherever the server put it: where the spec says first, else
// anywhere in the frame, by the key's name and the value's kind. This is what lets the checker
// read a dialect (a flat `new_message`, presence without `content`) and say precisely how it differs.
import { isPlainObject, valueAt } from '../../protocol/index.js';
import { appendPointer } from '../../protocol/pointer.js';

/** One property somewhere in a frame. */
export interface Entry {
  readonly pointer: string;
  readonly key: string;
  readonly value: unknown;
  /** The keys of the objects above it, outermost first (`["content", "message"]`). */
  readonly ancestors: readonly string[];
}

/** Every property of a frame, shallowest first (bounded in depth and count: frames are untrusted). */
export function entries(root: unknown, maxDepth = 6, maxEntries = 500): Entry[] {
  const found: Entry[] = [];
  let level: { node: unknown; pointer: string; ancestors: string[] }[] = [{ node: root, pointer: '', ancestors: [] }];
  for (let depth = 0; depth < maxDepth && level.length && found.length < maxEntries; depth++) {
    const next: typeof level = [];
    for (const { node, pointer, ancestors } of level) {
      if (!isPlainObject(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (found.length >= maxEntries) break;
        const entry = { pointer: appendPointer(pointer, key), key, value, ancestors };
        found.push(entry);
        if (isPlainObject(value)) next.push({ node: value, pointer: entry.pointer, ancestors: [...ancestors, key] });
      }
    }
    level = next;
  }
  return found;
}

/** What a field is and where it may be. */
export interface FieldSpec {
  /** How reports name it: `the message id`. */
  readonly label: string;
  /** Where the spec puts it (a JSON pointer). */
  readonly pointer: string;
  /** Keys that may hold it elsewhere. */
  readonly keys: RegExp;
  /** A key, its own or an ancestor's, that rules a place out (a user's `id` is not a message id). */
  readonly avoid?: RegExp;
  /** Whether a value found elsewhere can be this field. */
  readonly accepts?: (value: unknown) => boolean;
}

export interface Found {
  readonly pointer: string;
  readonly value: unknown;
  /** True when it is where the spec puts it. */
  readonly atSpec: boolean;
}

/**
 * The field, where the spec puts it or else at the shallowest place that fits; among the places
 * that fit, one whose value `prefer` likes wins (e.g. the author id we expect).
 */
export function locate(root: unknown, spec: FieldSpec, prefer?: (value: unknown) => boolean): Found | null {
  const atSpec = valueAt(root, spec.pointer);
  if (atSpec !== undefined) return { pointer: spec.pointer, value: atSpec, atSpec: true };
  const candidates = entries(root).filter(
    (e) =>
      spec.keys.test(e.key) &&
      !(spec.avoid && (spec.avoid.test(e.key) || e.ancestors.some((a) => spec.avoid?.test(a)))) &&
      (spec.accepts?.(e.value) ?? true),
  );
  const best = (prefer && candidates.find((e) => prefer(e.value))) ?? candidates[0];
  return best ? { pointer: best.pointer, value: best.value, atSpec: false } : null;
}

/** Whether any string in the frame contains `text`. */
export function containsText(root: unknown, text: string): boolean {
  if (typeof root === 'string') return root.includes(text);
  return entries(root).some((e) => typeof e.value === 'string' && e.value.includes(text));
}

/** The place of the first string in the frame that contains `text`. */
export function findText(root: unknown, text: string): Found | null {
  const entry = entries(root).find((e) => typeof e.value === 'string' && e.value.includes(text));
  return entry ? { pointer: entry.pointer, value: entry.value, atSpec: false } : null;
}

export const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
