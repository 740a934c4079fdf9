// What every payload rule needs: both spec trees, the payload's direction, where the payload is, and
// a way to compare two sub-schemas (so the rules for objects and variants can recurse).
import type { CheckId } from './catalogue.js';
import { breaksOf, severityOf, type Change } from './direction.js';
import type { LoadedSpec, TreeNode } from './load.js';
import { isObject } from './refs.js';
import type { Breaks, Direction, Finding, Location, Severity } from './types.js';

export interface SchemaContext {
  readonly base: LoadedSpec;
  readonly revision: LoadedSpec;
  readonly direction: Direction;
  readonly where: Omit<Location, 'pointer' | 'variant'>;
  /** Pairs of schemas being compared further up, so recursive schemas end. */
  readonly stack: Set<string>;
  /** Compares two sub-schemas at `pointer` (a JSON pointer into the payload). */
  diff(base: TreeNode, revision: TreeNode, pointer: string): Finding[];
}

/** A schema that allows anything: what a missing sub-schema means. */
export const ANY: TreeNode = { value: {}, file: '', pointer: '' };

export const schemaOf = (node: TreeNode): Record<string, unknown> => (isObject(node.value) ? node.value : {});

/** A finding at `pointer`; `change` says whom it breaks (from the direction), or gives that directly. */
export function found(
  ctx: SchemaContext,
  id: CheckId,
  change: Change | Breaks,
  pointer: string,
  reason: string,
  severity?: Severity,
): Finding {
  const breaks: Breaks =
    change === 'narrowed' || change === 'widened' || change === 'changed' ? breaksOf(change, ctx.direction) : change;
  return { id, severity: severity ?? severityOf(breaks), breaks, where: { ...ctx.where, pointer }, reason };
}

/** The field a pointer names, for reasons: `/content/reply_to` -> `content.reply_to`. */
export const fieldName = (pointer: string): string =>
  pointer === '' ? 'the payload' : pointer.slice(1).split('/').join('.').replace(/~1/g, '/').replace(/~0/g, '~');
