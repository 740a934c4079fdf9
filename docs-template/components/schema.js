// A message's payload schema (resolved by the parser: every $ref replaced by its target) as the
// tables a reader scans: one row per field with its path, type, constraints and description, and
// one more table per variant where a field is "one of" several object shapes.

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `anyOf: [X, {type: null}]` (a nullable X) is X, nullable. */
function unwrapNullable(schema) {
  const options = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(options) || options.length !== 2) return { schema, nullable: false };
  const nulls = options.filter((o) => o.type === 'null');
  if (nulls.length !== 1) return { schema, nullable: false };
  const inner = options.find((o) => o.type !== 'null');
  // The field's own description wins over the one of the shared definition it points at.
  return { schema: { ...inner, description: schema.description ?? inner.description }, nullable: true };
}

/** Object variants of a `oneOf` (the direct/project shapes of a chat event's content). */
function objectVariants(schema) {
  const options = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(options) || options.length < 2) return null;
  return options.every((o) => isObject(o.properties)) ? options : null;
}

function typeNames(schema) {
  if (schema.const !== undefined) return [typeof schema.const === 'string' ? 'string' : typeof schema.const];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (Array.isArray(type)) return type;
  if (type === 'array') {
    const items = isObject(schema.items) ? schema.items : {};
    const inner = items.title && items.properties ? `${items.title} objects` : typeNames(items).join(' or ');
    return [`array of ${inner || 'values'}`];
  }
  return type ? [type] : [];
}

/** The constraints of one field, as short phrases ("1 to 8192 characters", "≥ 1"). */
export function constraintsOf(schema, nullable = false) {
  const out = [];
  if (schema.const !== undefined) out.push({ label: 'always', values: [schema.const] });
  if (Array.isArray(schema.enum)) out.push({ label: 'one of', values: schema.enum });
  const { minLength: min, maxLength: max } = schema;
  if (min !== undefined && max !== undefined) out.push({ text: `${min} to ${max} characters` });
  else if (min !== undefined) out.push({ text: min === 1 ? 'not empty' : `at least ${min} characters` });
  else if (max !== undefined) out.push({ text: `at most ${max} characters` });
  if (schema.minimum !== undefined) out.push({ text: `≥ ${schema.minimum}` });
  if (schema.maximum !== undefined) out.push({ text: `≤ ${schema.maximum}` });
  if (schema.exclusiveMinimum !== undefined) out.push({ text: `> ${schema.exclusiveMinimum}` });
  if (schema.exclusiveMaximum !== undefined) out.push({ text: `< ${schema.exclusiveMaximum}` });
  if (schema.format) out.push({ text: schema.format === 'date-time' ? 'date-time (ISO 8601)' : schema.format });
  if (schema.pattern) out.push({ label: 'pattern', code: schema.pattern });
  if (schema.additionalProperties === false && schema.properties) out.push({ text: 'no other fields' });
  if (nullable) out.push({ text: 'may be null' });
  return out;
}

/**
 * The field tables of a payload: `[{ title, rows }]`, the whole payload first, then one table per
 * variant of a `oneOf` field (titled by the field and the value that tells the variants apart).
 */
export function fieldTables(payload) {
  const tables = [];
  const main = { title: null, rows: [] };
  tables.push(main);
  walkObject(payload, '', main.rows, tables);
  return tables;
}

function walkObject(schema, prefix, rows, tables) {
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    walkField(property, path, required.has(name), rows, tables);
  }
}

function walkField(original, path, required, rows, tables) {
  const { schema, nullable } = unwrapNullable(original);
  const variants = objectVariants(schema);
  if (variants) {
    rows.push({
      path,
      required,
      types: [`object, one of ${variants.length} shapes`],
      constraints: [],
      description: schema.description ?? '',
      variantsBelow: true,
    });
    for (const variant of variants) {
      const table = { title: variantTitle(path, variant), rows: [] };
      tables.push(table);
      walkObject(variant, path, table.rows, tables);
    }
    return;
  }
  const types = typeNames(schema);
  if (nullable) types.push('null');
  rows.push({
    path,
    required,
    types,
    constraints: constraintsOf(schema, false),
    description: schema.description ?? '',
  });
  if (isObject(schema.properties)) walkObject(schema, path, rows, tables);
  if (schema.type === 'array' && isObject(schema.items) && isObject(schema.items.properties)) {
    walkObject(schema.items, `${path}[]`, rows, tables);
  }
}

/** "content when chat_type is "direct"": the field that tells the variants apart, by its const. */
function variantTitle(path, variant) {
  const discriminator = Object.entries(variant.properties).find(([, p]) => p.const !== undefined);
  if (discriminator) return { path, field: discriminator[0], value: discriminator[1].const };
  return { path, field: null, value: variant.title ?? variant.description ?? 'variant' };
}
