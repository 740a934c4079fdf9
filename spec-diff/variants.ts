// The rules for oneOf/anyOf. Variants are matched before they are compared: by a discriminator
// (a field every variant fixes with a const, like `chat_type`), else by finding the pairs that
// differ least. A discriminated union that became one object without the discriminator (or the
// other way round) is compared variant by variant against that object. Findings that every variant
// shares are reported once; the others name their variant (`chat_type=project`).
import { summarize } from './describe.js';
import { builtOnBase, receiverOf, senderOf } from './direction.js';
import { compareTypes, overlaps, typeSet } from './keywords.js';
import type { LoadedSpec, TreeNode } from './load.js';
import { canonical, isObject } from './refs.js';
import { fieldName, found, schemaOf, type SchemaContext } from './schema-context.js';
import type { Finding } from './types.js';

/** The alternatives of a oneOf/anyOf (nested ones flattened), dereferenced; undefined for no union. */
export function variantsOf(spec: LoadedSpec, node: TreeNode): TreeNode[] | undefined {
  const s = schemaOf(node);
  const key = Array.isArray(s.oneOf) ? 'oneOf' : Array.isArray(s.anyOf) ? 'anyOf' : undefined;
  if (!key) return undefined;
  return (s[key] as unknown[]).flatMap((_, i) => {
    const branch = spec.deref(spec.child(node, key, i) as TreeNode);
    return variantsOf(spec, branch) ?? [branch];
  });
}

/** The const a variant gives the field `name`, as a string key; undefined when it gives none. */
function constOf(spec: LoadedSpec, variant: TreeNode, name: string): string | undefined {
  const field = spec.child(variant, 'properties', name);
  if (!field) return undefined;
  const s = schemaOf(spec.deref(field));
  if (s.const !== undefined) return canonical(s.const);
  return Array.isArray(s.enum) && s.enum.length === 1 ? canonical(s.enum[0]) : undefined;
}

/** Fields that tell every variant apart: each variant fixes it to a different const. */
function discriminators(spec: LoadedSpec, variants: TreeNode[]): Set<string> {
  const first = variants[0];
  if (!first) return new Set();
  const candidates = isObject(schemaOf(first).properties) ? Object.keys(schemaOf(first).properties as object) : [];
  return new Set(
    candidates.filter((name) => {
      const values = variants.map((v) => constOf(spec, v, name));
      return values.every((v) => v !== undefined) && new Set(values).size === values.length;
    }),
  );
}

const label = (name: string, value: string): string => {
  const parsed: unknown = JSON.parse(value);
  return `${name}=${typeof parsed === 'string' ? parsed : value}`;
};

const labelled = (f: Finding, variant: string): Finding => ({ ...f, where: { ...f.where, variant } });

interface Pair {
  label?: string;
  findings: Finding[];
}

/** Findings every pair shares are kept once, unlabelled; the rest get their pair's label. */
function mergeLabelled(pairs: Pair[]): Finding[] {
  const groups = new Map<string, { finding: Finding; labels: string[] }>();
  for (const pair of pairs) {
    for (const f of pair.findings) {
      const key = canonical(f);
      const group = groups.get(key) ?? { finding: f, labels: [] };
      if (pair.label && !group.labels.includes(pair.label)) group.labels.push(pair.label);
      groups.set(key, group);
    }
  }
  const total = pairs.filter((p) => p.label).length;
  return [...groups.values()].map(({ finding, labels }) => {
    if (!labels.length || labels.length === total) return finding;
    const inner = finding.where.variant;
    return { ...finding, where: { ...finding.where, variant: `${labels.join(' or ')}${inner ? ` > ${inner}` : ''}` } };
  });
}

/** An alternative that is gone (narrowed: breaks senders) or new (widened: breaks receivers). */
function variantFinding(ctx: SchemaContext, pointer: string, what: string, gone: boolean): Finding {
  const reason = gone
    ? `can no longer be ${what}: ${builtOnBase(senderOf(ctx.direction))} may still send it`
    : `can now also be ${what}: ${builtOnBase(receiverOf(ctx.direction))} do not accept it`;
  return found(
    ctx,
    gone ? 'variant.removed' : 'variant.added',
    gone ? 'narrowed' : 'widened',
    pointer,
    `${fieldName(pointer)} ${reason}`,
  );
}

function byDiscriminator(ctx: SchemaContext, bv: TreeNode[], rv: TreeNode[], pointer: string): Finding[] | undefined {
  const bd = discriminators(ctx.base, bv);
  const rd = discriminators(ctx.revision, rv);
  const shared = [...bd].find((n) => rd.has(n));
  if (shared && (bv.length > 1 || rv.length > 1)) {
    const pairs: Pair[] = [];
    const extra: Finding[] = [];
    const rByValue = new Map(rv.map((v) => [constOf(ctx.revision, v, shared) as string, v]));
    for (const b of bv) {
      const value = constOf(ctx.base, b, shared) as string;
      const r = rByValue.get(value);
      rByValue.delete(value);
      const name = label(shared, value);
      if (r) pairs.push({ label: name, findings: ctx.diff(b, r, pointer) });
      else extra.push(labelled(variantFinding(ctx, pointer, `the variant ${name}`, true), name));
    }
    for (const value of rByValue.keys()) {
      const name = label(shared, value);
      extra.push(labelled(variantFinding(ctx, pointer, `the variant ${name}`, false), name));
    }
    return [...mergeLabelled(pairs), ...extra];
  }
  return againstOne(ctx, bv, rv, bd, rd, pointer);
}

/** A discriminated union on one side, one object without that discriminator on the other: each variant against it. */
function againstOne(
  ctx: SchemaContext,
  bv: TreeNode[],
  rv: TreeNode[],
  bd: Set<string>,
  rd: Set<string>,
  pointer: string,
): Finding[] | undefined {
  for (const baseIsUnion of [true, false]) {
    const [many, names, manySpec, one, oneSpec] = baseIsUnion
      ? [bv, bd, ctx.base, rv, ctx.revision]
      : [rv, rd, ctx.revision, bv, ctx.base];
    const single = one[0];
    if (many.length < 2 || one.length !== 1 || !single || !isObject(schemaOf(single).properties)) continue;
    const name = [...names].find((n) => constOf(oneSpec, single, n) === undefined);
    if (!name) continue;
    return mergeLabelled(
      many.map((v) => ({
        label: label(name, constOf(manySpec, v, name) as string),
        findings: baseIsUnion ? ctx.diff(v, single, pointer) : ctx.diff(single, v, pointer),
      })),
    );
  }
  return undefined;
}

const cost = (findings: Finding[]): number => findings.filter((f) => f.severity !== 'info').length;

/** Without a discriminator: the closest pairs of compatible types first, then what is left. */
function byCloseness(ctx: SchemaContext, bv: TreeNode[], rv: TreeNode[], pointer: string): Finding[] {
  const candidates: { i: number; j: number; findings: Finding[] }[] = [];
  bv.forEach((b, i) =>
    rv.forEach((r, j) => {
      if (overlaps(typeSet(schemaOf(b), true), typeSet(schemaOf(r), true)))
        candidates.push({ i, j, findings: ctx.diff(b, r, pointer) });
    }),
  );
  candidates.sort((x, y) => cost(x.findings) - cost(y.findings) || x.i - y.i || x.j - y.j);
  const usedB = new Set<number>();
  const usedR = new Set<number>();
  const out: Finding[] = [];
  for (const c of candidates) {
    if (usedB.has(c.i) || usedR.has(c.j)) continue;
    usedB.add(c.i);
    usedR.add(c.j);
    out.push(...c.findings);
  }
  const leftB = bv.map((_, i) => i).filter((i) => !usedB.has(i));
  const leftR = rv.map((_, j) => j).filter((j) => !usedR.has(j));
  if (leftB.length === 1 && leftR.length === 1) {
    // One alternative replaced by another: compare them (usually a type change).
    return [...out, ...ctx.diff(bv[leftB[0] as number] as TreeNode, rv[leftR[0] as number] as TreeNode, pointer)];
  }
  for (const i of leftB) out.push(variantFinding(ctx, pointer, summarize(bv[i]?.value), true));
  for (const j of leftR) out.push(variantFinding(ctx, pointer, summarize(rv[j]?.value), false));
  return out;
}

/** Compares two schemas at least one of which is a union (the other counts as a union of one). */
export function compareVariants(ctx: SchemaContext, bv: TreeNode[], rv: TreeNode[], pointer: string): Finding[] {
  const anyType = (vs: TreeNode[]) => {
    const sets = vs.map((v) => typeSet(schemaOf(v), true));
    return sets.some((s) => !s) ? undefined : new Set(sets.flatMap((s) => [...(s as Set<string>)]));
  };
  const bt = anyType(bv);
  const rt = anyType(rv);
  if (bt && rt && !overlaps(bt, rt)) {
    const verdict = compareTypes(ctx, bt, rt, pointer);
    return verdict.finding ? [verdict.finding] : [];
  }
  return byDiscriminator(ctx, bv, rv, pointer) ?? byCloseness(ctx, bv, rv, pointer);
}
