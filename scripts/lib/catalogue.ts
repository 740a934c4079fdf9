// Reads the hand-written sources in schemas/ and tells what events exist. Everything the
// generators know about the protocol comes from these files, never from a list typed here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMAS_DIR = path.join(ROOT, 'schemas');
export const GENERATED_DIR = path.join(ROOT, 'generated');
export const SPEC_FILE = path.join(ROOT, 'asyncapi.yaml');

export type Direction = 'client' | 'server';

export interface JsonSchema {
  $id?: string;
  title?: string;
  definitions?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  [key: string]: unknown;
}

export interface EventSchema {
  direction: Direction;
  /** The event's `type` on the wire. */
  type: string;
  /** Path relative to schemas/, with forward slashes. */
  file: string;
  schema: JsonSchema;
  /** Chat events have a direct and a project variant of their content. */
  chatVariants: boolean;
}

export function readJson(file: string): JsonSchema {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema;
}

export function commonSchema(): JsonSchema {
  return readJson(path.join(SCHEMAS_DIR, 'common.json'));
}

export function eventSchemas(): EventSchema[] {
  const out: EventSchema[] = [];
  for (const direction of ['client', 'server'] as const) {
    const dir = path.join(SCHEMAS_DIR, direction);
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const schema = readJson(path.join(dir, name));
      const type = schema.properties?.type?.const;
      if (typeof type !== 'string') throw new Error(`schemas/${direction}/${name}: properties.type.const is missing`);
      if (`${type}.json` !== name)
        throw new Error(`schemas/${direction}/${name}: file name must be the event type (${type}.json)`);
      const defs = schema.definitions ?? {};
      out.push({
        direction,
        type,
        file: `${direction}/${name}`,
        schema,
        chatVariants: 'DirectContent' in defs && 'ProjectContent' in defs,
      });
    }
  }
  return out;
}

/** The string values of an enum definition in common.json or an event file. */
export function enumValues(schema: JsonSchema, definition: string): string[] {
  const values = schema.definitions?.[definition]?.enum;
  if (!Array.isArray(values)) throw new Error(`definition ${definition} has no enum`);
  return values.map(String);
}

export const BANNER = 'Generated from asyncapi.yaml and schemas/ — do not edit. Run `npm run generate`.';

export interface OutputFile {
  /** Path relative to the project root. */
  path: string;
  content: string;
}
