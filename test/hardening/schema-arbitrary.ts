// fast-check arbitraries read off the package's own JSON Schemas (schemas/**), for the subset they
// use: $ref (local and ../common.json), oneOf/anyOf, const, enum, type (and unions), object with
// properties/required/additionalProperties, array/items, integer minimum/maximum, string
// pattern/minLength/maxLength/format date-time, boolean, null. A definition can be overridden by
// its `title` (e.g. DirectChatId, whose smaller-id-first rule no pattern can say).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export type Schema = { [key: string]: unknown };

const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

/** Every schema file, by `$id`. */
export function loadSchemas(dir = SCHEMAS_DIR): Map<string, Schema> {
  const byId = new Map<string, Schema>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json')) {
        const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
        byId.set(String(schema.$id), schema);
      }
    }
  };
  walk(dir);
  return byId;
}

export interface SchemaArbitraryOptions {
  /** Arbitraries to use instead of what a definition with this `title` says. */
  overrides?: Record<string, fc.Arbitrary<unknown>>;
  /** Longest array generated. Default 3. */
  maxItems?: number;
}

const BIG = 2 ** 31 - 1;

export class SchemaArbitraries {
  constructor(
    private readonly byId: Map<string, Schema>,
    private readonly options: SchemaArbitraryOptions = {},
  ) {}

  /** The arbitrary of a whole schema file, by its `$id` or its path under schemas/ ("client/new_message.json"). */
  of(idOrPath: string): fc.Arbitrary<unknown> {
    const id = this.byId.has(idOrPath) ? idOrPath : [...this.byId.keys()].find((k) => k.endsWith(`/${idOrPath}`));
    const schema = id ? this.byId.get(id) : undefined;
    if (!id || !schema) throw new Error(`no schema ${idOrPath}`);
    return this.build(schema, id);
  }

  private resolve(ref: string, base: string): { schema: Schema; base: string } {
    const url = new URL(ref, base);
    const fileId = `${url.origin}${url.pathname}`;
    const file = this.byId.get(fileId);
    if (!file) throw new Error(`$ref ${ref} from ${base}: no schema ${fileId}`);
    let node: unknown = file;
    for (const part of url.hash.replace(/^#\/?/, '').split('/').filter(Boolean)) node = (node as Schema)[part];
    if (!node || typeof node !== 'object') throw new Error(`$ref ${ref} from ${base} points at nothing`);
    return { schema: node as Schema, base: fileId };
  }

  private build(schema: Schema, base: string): fc.Arbitrary<unknown> {
    const override = typeof schema.title === 'string' ? this.options.overrides?.[schema.title] : undefined;
    if (override) return override;
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref, base);
      return this.build(target.schema, target.base);
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    for (const key of ['oneOf', 'anyOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) return fc.oneof(...branches.map((b) => this.build(b as Schema, base)));
    }
    if (Array.isArray(schema.type))
      return fc.oneof(...(schema.type as string[]).map((type) => this.build({ ...schema, type }, base)));
    switch (schema.type) {
      case 'object':
        return this.object(schema, base);
      case 'array': {
        const items = schema.items ? this.build(schema.items as Schema, base) : fc.jsonValue();
        return fc.array(items, { maxLength: this.options.maxItems ?? 3 });
      }
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: Number(schema.minimum ?? -BIG), max: Number(schema.maximum ?? BIG) });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        throw new Error(`schema-arbitrary: unsupported schema ${JSON.stringify(schema).slice(0, 120)}`);
    }
  }

  private object(schema: Schema, base: string): fc.Arbitrary<unknown> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    const model = Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, this.build(sub, base)]));
    return fc.record(model, { requiredKeys: required.filter((key) => key in properties) });
  }

  private string(schema: Schema): fc.Arbitrary<string> {
    if (schema.format === 'date-time') {
      const dates = fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      });
      return dates.map((d) => d.toISOString());
    }
    const minLength = Number(schema.minLength ?? 0);
    const maxLength = schema.maxLength === undefined ? undefined : Number(schema.maxLength);
    const fits = (s: string) => s.length >= minLength && (maxLength === undefined || s.length <= maxLength);
    if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    return fc.string({ minLength, ...(maxLength !== undefined ? { maxLength } : {}), unit: 'grapheme' }).filter(fits);
  }
}
