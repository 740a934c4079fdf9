/** JSON pointers (RFC 6901): building them and reading the value they point at. */

export const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
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

/** A readable name for the place a pointer names: `/content/reply_to` -> `content.reply_to`. */
export function fieldLabel(pointer: string): string {
  return pointer === '' ? 'the frame' : pointer.slice(1).split('/').map(unescapeToken).join('.');
}
