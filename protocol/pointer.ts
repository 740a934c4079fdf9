/** JSON pointers (RFC 6901): building them and reading the value they point at. */

export const escapeToken = (token: string): string =>
  token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

export function appendPointer(pointer: string, token: string): string {
  return `${pointer}/${escapeToken(token)}`;
}

/** The value at `pointer` in `root`, or undefined. Only own properties are followed. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token))
      return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Longer labels and quoted values are cut to this many characters (and end with "…"). */
export const SHOWN_LENGTH = 64;

/** The first `max` characters of a text, with "…" when it was longer. */
export const shorten = (text: string, max = SHOWN_LENGTH): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * A value as a message quotes it: JSON, cut to a short prefix, so a refusal stays small whatever
 * the frame held (`"aaaa…"`).
 */
export function quote(value: unknown, max = SHOWN_LENGTH): string {
  if (typeof value === 'string') {
    // Bounded as written: a prefix of control characters grows six times once escaped.
    let keep = max;
    let text = JSON.stringify(shorten(value, keep));
    while (text.length > max + 2 && keep > 1) text = JSON.stringify(shorten(value, (keep = Math.ceil(keep / 2))));
    return text;
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return shorten(text ?? String(value), max);
}

/**
 * A readable name for the place a pointer names: `/content/reply_to` -> `content.reply_to`. A long
 * one (a frame's own keys may be any length) is cut to a short prefix.
 */
export function fieldLabel(pointer: string): string {
  if (pointer === '') return 'the frame';
  const head = pointer.slice(1, 4 * SHOWN_LENGTH);
  return shorten(head.includes('~') ? head.split('/').map(unescapeToken).join('.') : head.replaceAll('/', '.'));
}
