// Compares two payload schemas, direction-aware: follows `$ref`s (noting when one points elsewhere),
// stops on recursion, and hands unions, objects and plain keywords to their rules.
import { compareKeywords, isObjectLike } from './keywords.js';
import type { LoadedSpec, TreeNode } from './load.js';
import { compareObject } from './objects.js';
import { childPointer, isObject } from './refs.js';
import { ANY, found, schemaOf, type SchemaContext } from './schema-context.js';
import type { Direction, Finding, Location } from './types.js';
import { compareVariants, variantsOf } from './variants.js';

const isRef = (node: TreeNode): boolean => isObject(node.value) && typeof node.value.$ref === 'string';
const place = (node: TreeNode): string => `${node.file}#${node.pointer}`;

function compare(ctx: SchemaContext, bRaw: TreeNode, rRaw: TreeNode, pointer: string): Finding[] {
  const b = ctx.base.deref(bRaw);
  const r = ctx.revision.deref(rRaw);
  const out: Finding[] = [];
  if (isRef(bRaw) && isRef(rRaw) && place(b) !== place(r))
    out.push(
      found(ctx, 'ref.target-changed', 'none', pointer, `$ref now points to ${place(r)} (was ${place(b)})`, 'info'),
    );
  const key = `${place(b)}|${place(r)}`;
  if (ctx.stack.has(key)) return out;
  ctx.stack.add(key);
  try {
    const bv = variantsOf(ctx.base, b);
    const rv = variantsOf(ctx.revision, r);
    if (bv || rv) return [...out, ...compareVariants(ctx, bv ?? [b], rv ?? [r], pointer)];
    const bs = schemaOf(b);
    const rs = schemaOf(r);
    const own = compareKeywords(ctx, bs, rs, pointer);
    out.push(...own.findings);
    if (own.disjoint) return out;
    if (bs.items !== undefined || rs.items !== undefined) {
      const bi = ctx.base.child(b, 'items');
      const ri = ctx.revision.child(r, 'items');
      if (!Array.isArray(bi?.value) && !Array.isArray(ri?.value))
        out.push(...ctx.diff(bi ?? ANY, ri ?? ANY, childPointer(pointer, '*')));
    }
    if (isObjectLike(bs) || isObjectLike(rs)) out.push(...compareObject(ctx, b, r, pointer));
    return out;
  } finally {
    ctx.stack.delete(key);
  }
}

/** Every change between two payload schemas, each with whom it breaks given the payload's direction. */
export function diffPayload(
  base: LoadedSpec,
  revision: LoadedSpec,
  direction: Direction,
  where: Omit<Location, 'pointer' | 'variant'>,
  b: TreeNode | undefined,
  r: TreeNode | undefined,
): Finding[] {
  const ctx: SchemaContext = {
    base,
    revision,
    direction,
    where,
    stack: new Set(),
    diff: (bn, rn, pointer) => compare(ctx, bn, rn, pointer),
  };
  return compare(ctx, b ?? ANY, r ?? ANY, '');
}
