// The rules for one schema's own keywords: type, enum/const, pattern, format, and the length, range
// and size bounds. Each says whether the revision allows fewer values (narrowed), more (widened),
// or different ones (changed).
import type { CheckId } from './catalogue.js';
import { show, showList, showTypes } from './describe.js';
import type { Change } from './direction.js';
import { canonical, isObject } from './refs.js';
import { fieldName, found, type SchemaContext } from './schema-context.js';
import type { Finding } from './types.js';

type Schema = Record<string, unknown>;

const jsonType = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

/** The JSON types a schema allows; undefined for any. `inferred` also reads them from const/enum. */
export function typeSet(schema: Schema, inferred = false): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.filter((t): t is string => typeof t === 'string'));
  if (!inferred) return undefined;
  if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType));
  return undefined;
}

const covers = (set: ReadonlySet<string>, type: string): boolean =>
  set.has(type) || (type === 'integer' && set.has('number'));
const within = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((t) => covers(b, t));
export const overlaps = (a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean =>
  !a || !b || [...a].some((t) => covers(b, t)) || [...b].some((t) => covers(a, t));

export interface TypeVerdict {
  finding?: Finding;
  /** The types have nothing in common: the other keywords need no comparing. */
  disjoint: boolean;
}

export function compareTypes(
  ctx: SchemaContext,
  b: ReadonlySet<string> | undefined,
  r: ReadonlySet<string> | undefined,
  pointer: string,
): TypeVerdict {
  if (!b && !r) return { disjoint: false };
  const narrower = !b || (r !== undefined && within(r, b));
  const wider = !r || (b !== undefined && within(b, r));
  if (narrower && wider) return { disjoint: false };
  const what = `${fieldName(pointer)} was ${showTypes(b)} and is ${showTypes(r)}`;
  if (narrower)
    return {
      disjoint: false,
      finding: found(ctx, 'type.narrowed', 'narrowed', pointer, `Fewer types: ${what}`),
    };
  if (wider)
    return {
      disjoint: false,
      finding: found(ctx, 'type.widened', 'widened', pointer, `More types: ${what}`),
    };
  return {
    disjoint: !overlaps(b, r),
    finding: found(ctx, 'type.changed', 'changed', pointer, `Type changed: ${what}`),
  };
}

function values(schema: Schema): unknown[] | undefined {
  if (schema.const !== undefined) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function compareValues(ctx: SchemaContext, b: Schema, r: Schema, pointer: string): Finding[] {
  const bv = values(b);
  const rv = values(r);
  if (!bv && !rv) return [];
  const name = fieldName(pointer);
  if (!bv) return [found(ctx, 'enum.narrowed', 'narrowed', pointer, `${name} is now limited to ${showList(rv ?? [])}`)];
  if (!rv) return [found(ctx, 'enum.widened', 'widened', pointer, `${name} is no longer limited to ${showList(bv)}`)];
  const bKeys = new Set(bv.map(canonical));
  const rKeys = new Set(rv.map(canonical));
  const removed = bv.filter((v) => !rKeys.has(canonical(v)));
  const added = rv.filter((v) => !bKeys.has(canonical(v)));
  if (removed.length && added.length) {
    const text =
      bv.length === 1 && rv.length === 1
        ? `${name} changed from ${show(bv[0])} to ${show(rv[0])}`
        : `${name} lost ${showList(removed)} and gained ${showList(added)}`;
    return [found(ctx, 'enum.changed', 'changed', pointer, text)];
  }
  if (removed.length)
    return [found(ctx, 'enum.narrowed', 'narrowed', pointer, `${name} no longer allows ${showList(removed)}`)];
  if (added.length)
    return [found(ctx, 'enum.widened', 'widened', pointer, `${name} now also allows ${showList(added)}`)];
  return [];
}

function compareString(
  ctx: SchemaContext,
  keyword: 'pattern' | 'format',
  b: Schema,
  r: Schema,
  pointer: string,
): Finding[] {
  const bv = typeof b[keyword] === 'string' ? (b[keyword] as string) : undefined;
  const rv = typeof r[keyword] === 'string' ? (r[keyword] as string) : undefined;
  if (bv === rv) return [];
  const name = fieldName(pointer);
  const verb = keyword === 'pattern' ? 'match' : 'have the format';
  if (bv === undefined) return [found(ctx, `${keyword}.added`, 'narrowed', pointer, `${name} must now ${verb} ${rv}`)];
  if (rv === undefined)
    return [found(ctx, `${keyword}.removed`, 'widened', pointer, `${name} no longer has to ${verb} ${bv}`)];
  return [found(ctx, `${keyword}.changed`, 'changed', pointer, `${name} must ${verb} ${rv} instead of ${bv}`)];
}

type Family = 'length' | 'range' | 'size';
const BOUNDS: readonly (readonly [string, Family, 'lower' | 'upper'])[] = [
  ['minLength', 'length', 'lower'],
  ['maxLength', 'length', 'upper'],
  ['minimum', 'range', 'lower'],
  ['maximum', 'range', 'upper'],
  ['exclusiveMinimum', 'range', 'lower'],
  ['exclusiveMaximum', 'range', 'upper'],
  ['minItems', 'size', 'lower'],
  ['maxItems', 'size', 'upper'],
  ['minProperties', 'size', 'lower'],
  ['maxProperties', 'size', 'upper'],
];

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function bound(ctx: SchemaContext, family: Family, change: Change, pointer: string, reason: string): Finding {
  const id = `${family}.${change === 'narrowed' ? 'narrowed' : 'widened'}` as CheckId;
  return found(ctx, id, change, pointer, reason);
}

function compareBounds(ctx: SchemaContext, b: Schema, r: Schema, pointer: string): Finding[] {
  const out: Finding[] = [];
  const name = fieldName(pointer);
  for (const [keyword, family, side] of BOUNDS) {
    const bv = num(b[keyword]);
    const rv = num(r[keyword]);
    if (bv === rv) continue;
    let change: Change;
    let text: string;
    if (bv === undefined) {
      change = 'narrowed';
      text = `${keyword} ${rv} added`;
    } else if (rv === undefined) {
      change = 'widened';
      text = `${keyword} dropped (was ${bv})`;
    } else {
      const raised = rv > bv;
      change = raised === (side === 'lower') ? 'narrowed' : 'widened';
      text = `${keyword} ${raised ? 'raised' : 'lowered'} from ${bv} to ${rv}`;
    }
    out.push(bound(ctx, family, change, pointer, `${name}: ${text}`));
  }
  const bm = num(b.multipleOf);
  const rm = num(r.multipleOf);
  if (bm !== rm) {
    let change: Change = 'changed';
    if (bm === undefined || (rm !== undefined && rm % bm === 0)) change = 'narrowed';
    else if (rm === undefined || bm % rm === 0) change = 'widened';
    const text = `${name}: multipleOf ${bm ?? 'none'} -> ${rm ?? 'none'}`;
    out.push(
      change === 'changed'
        ? found(ctx, 'range.changed', 'changed', pointer, text)
        : bound(ctx, 'range', change, pointer, text),
    );
  }
  if (Boolean(b.uniqueItems) !== Boolean(r.uniqueItems))
    out.push(
      r.uniqueItems
        ? bound(ctx, 'size', 'narrowed', pointer, `${name}: items must now be unique`)
        : bound(ctx, 'size', 'widened', pointer, `${name}: items no longer have to be unique`),
    );
  return out;
}

/** Keywords this check does not analyse: a change to any of them is reported for a person to review. */
const UNCHECKED = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'propertyNames',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'contains',
  'prefixItems',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
];

function compareUnchecked(ctx: SchemaContext, b: Schema, r: Schema, pointer: string): Finding[] {
  const changed = UNCHECKED.filter((k) => canonical(b[k]) !== canonical(r[k]));
  if (Array.isArray(b.items) || Array.isArray(r.items)) {
    if (canonical(b.items) !== canonical(r.items)) changed.push('items (tuple form)');
  }
  return changed.length
    ? [
        found(
          ctx,
          'schema.unchecked-change',
          'both',
          pointer,
          `${fieldName(pointer)}: ${changed.join(', ')} changed, which this check does not analyse: review it by hand`,
        ),
      ]
    : [];
}

/** Every rule on the schema's own keywords (not its properties or items). */
export function compareKeywords(
  ctx: SchemaContext,
  b: Schema,
  r: Schema,
  pointer: string,
): TypeVerdict & { findings: Finding[] } {
  const inferBoth = b.type === undefined && r.type === undefined;
  const types = compareTypes(ctx, typeSet(b, !inferBoth), typeSet(r, !inferBoth), pointer);
  if (types.disjoint) return { ...types, findings: types.finding ? [types.finding] : [] };
  const findings = [
    ...(types.finding ? [types.finding] : []),
    ...compareValues(ctx, b, r, pointer),
    ...compareString(ctx, 'pattern', b, r, pointer),
    ...compareString(ctx, 'format', b, r, pointer),
    ...compareBounds(ctx, b, r, pointer),
    ...compareUnchecked(ctx, b, r, pointer),
  ];
  return { ...types, findings };
}

export const isObjectLike = (s: Schema): boolean =>
  s.type === 'object' ||
  (Array.isArray(s.type) && s.type.includes('object')) ||
  isObject(s.properties) ||
  Array.isArray(s.required) ||
  s.additionalProperties !== undefined;
