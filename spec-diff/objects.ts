// The rules for objects: fields added, removed, made required or optional, and whether unknown
// fields are allowed (additionalProperties). Servers refuse unknown fields where the schema says
// `additionalProperties: false`; clients ignore unknown fields whatever the schema says.
import { builtOnBase, breaksFrom, readsTolerantly, receiverOf, senderOf } from './direction.js';
import type { TreeNode } from './load.js';
import { childPointer, isObject } from './refs.js';
import { ANY, found, schemaOf, type SchemaContext } from './schema-context.js';
import type { Finding } from './types.js';

type Schema = Record<string, unknown>;

const names = (s: Schema): Set<string> =>
  new Set([
    ...(isObject(s.properties) ? Object.keys(s.properties) : []),
    ...(Array.isArray(s.required) ? s.required.filter((n): n is string => typeof n === 'string') : []),
  ]);
const requires = (s: Schema, name: string): boolean => Array.isArray(s.required) && s.required.includes(name);
const closed = (s: Schema): boolean => s.additionalProperties === false;

function propertyNode(spec: SchemaContext['base'], node: TreeNode, name: string): TreeNode {
  return spec.child(node, 'properties', name) ?? ANY;
}

/** Whether two field schemas are the same (so a removal and an addition are likely a rename). */
function sameSchema(ctx: SchemaContext, b: TreeNode, r: TreeNode): boolean {
  return ctx.diff(b, r, '').every((f) => f.severity === 'info');
}

function removed(ctx: SchemaContext, b: Schema, r: Schema, name: string, pointer: string, renamedTo?: string): Finding {
  const sender = senderOf(ctx.direction);
  const receiver = receiverOf(ctx.direction);
  const required = requires(b, name);
  const refusedBySender = closed(r) && !readsTolerantly(receiver);
  const missedByReceiver = required;
  const parts: string[] = [];
  if (refusedBySender) parts.push(`${builtOnBase(sender)} still send it, and the revision refuses unknown fields`);
  if (missedByReceiver) parts.push(`${builtOnBase(receiver)} require it`);
  if (!parts.length)
    parts.push(
      readsTolerantly(receiver) && closed(r)
        ? `${builtOnBase(receiver)} already handle its absence, and clients ignore it if an older server still sends it`
        : `${builtOnBase(receiver)} already handle its absence`,
    );
  const breaks = breaksFrom(
    (refusedBySender && sender === 'clients') || (missedByReceiver && receiver === 'clients'),
    (refusedBySender && sender === 'servers') || (missedByReceiver && receiver === 'servers'),
  );
  const rename = renamedTo ? ` (renamed to "${renamedTo}"?)` : '';
  return found(
    ctx,
    'property.removed',
    breaks,
    pointer,
    `The ${required ? 'required' : 'optional'} field "${name}" was removed${rename}: ${parts.join('; ')}`,
  );
}

function added(ctx: SchemaContext, b: Schema, r: Schema, name: string, pointer: string): Finding {
  const sender = senderOf(ctx.direction);
  const receiver = receiverOf(ctx.direction);
  const required = requires(r, name);
  const notSentBySender = required;
  const refusedByReceiver = closed(b) && !readsTolerantly(receiver);
  const parts: string[] = [];
  if (notSentBySender) parts.push(`${builtOnBase(sender)} do not send it`);
  if (refusedByReceiver)
    parts.push(`${builtOnBase(receiver)} refuse unknown fields here (additionalProperties: false)`);
  if (!notSentBySender && !refusedByReceiver)
    parts.push(
      readsTolerantly(receiver)
        ? 'clients ignore fields they do not know'
        : `${builtOnBase(receiver)} accept unknown fields here`,
    );
  const breaks = breaksFrom(
    (notSentBySender && sender === 'clients') || (refusedByReceiver && receiver === 'clients'),
    (notSentBySender && sender === 'servers') || (refusedByReceiver && receiver === 'servers'),
  );
  return found(
    ctx,
    'property.added',
    breaks,
    pointer,
    `A new ${required ? 'required' : 'optional'} field "${name}": ${parts.join('; ')}`,
  );
}

function compareAdditional(ctx: SchemaContext, bNode: TreeNode, rNode: TreeNode, pointer: string): Finding[] {
  const b = schemaOf(bNode);
  const r = schemaOf(rNode);
  const receiver = receiverOf(ctx.direction);
  const tolerant = readsTolerantly(receiver);
  if (closed(b) === closed(r)) {
    const bs = ctx.base.child(bNode, 'additionalProperties');
    const rs = ctx.revision.child(rNode, 'additionalProperties');
    const schemas = (n: TreeNode | undefined) => n !== undefined && isObject(n.value);
    if (schemas(bs) || schemas(rs)) return ctx.diff(bs ?? ANY, rs ?? ANY, childPointer(pointer, '*'));
    return [];
  }
  if (closed(r))
    return [
      found(
        ctx,
        'additional-properties.narrowed',
        tolerant ? 'none' : 'narrowed',
        pointer,
        tolerant
          ? 'Unknown fields are no longer allowed; clients ignore them anyway'
          : `Unknown fields are no longer allowed: ${builtOnBase(senderOf(ctx.direction))} that send any are refused`,
      ),
    ];
  return [
    found(
      ctx,
      'additional-properties.widened',
      tolerant ? 'none' : 'widened',
      pointer,
      tolerant
        ? 'Unknown fields are now allowed; clients ignore fields they do not know'
        : `Unknown fields are now allowed: ${builtOnBase(receiver)} refuse them`,
    ),
  ];
}

/** Every rule on an object's fields, recursing into the fields both versions have. */
export function compareObject(ctx: SchemaContext, bNode: TreeNode, rNode: TreeNode, pointer: string): Finding[] {
  const b = schemaOf(bNode);
  const r = schemaOf(rNode);
  const bNames = names(b);
  const rNames = names(r);
  const gone = [...bNames].filter((n) => !rNames.has(n));
  const fresh = [...rNames].filter((n) => !bNames.has(n));
  const out: Finding[] = [];
  for (const name of gone) {
    const renamedTo = fresh.find((n) =>
      sameSchema(ctx, propertyNode(ctx.base, bNode, name), propertyNode(ctx.revision, rNode, n)),
    );
    out.push(removed(ctx, b, r, name, childPointer(pointer, name), renamedTo));
  }
  for (const name of fresh) out.push(added(ctx, b, r, name, childPointer(pointer, name)));
  for (const name of [...bNames].filter((n) => rNames.has(n))) {
    const at = childPointer(pointer, name);
    const wasRequired = requires(b, name);
    const isRequired = requires(r, name);
    if (!wasRequired && isRequired)
      out.push(
        found(
          ctx,
          'property.now-required',
          'narrowed',
          at,
          `"${name}" became required: ${builtOnBase(senderOf(ctx.direction))} may leave it out`,
        ),
      );
    if (wasRequired && !isRequired)
      out.push(
        found(
          ctx,
          'property.now-optional',
          'widened',
          at,
          `"${name}" became optional: ${builtOnBase(receiverOf(ctx.direction))} expect it every time`,
        ),
      );
    out.push(...ctx.diff(propertyNode(ctx.base, bNode, name), propertyNode(ctx.revision, rNode, name), at));
  }
  out.push(...compareAdditional(ctx, bNode, rNode, pointer));
  return out;
}
