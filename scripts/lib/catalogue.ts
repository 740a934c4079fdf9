// Reads the hand-written sources of each protocol version (schemas/ for version 1,
// protocols/vN/schemas/ for later ones) and tells what events exist. Everything the generators
// know about the protocol comes from these files, never from a list typed here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * One protocol version's sources and where its generated files go. Version 1 stays at the top
 * (asyncapi.yaml, schemas/, generated/) so nothing a user imports moves; later versions live
 * under protocols/vN/ and generate into generated/vN/.
 */
export interface SpecTree {
  version: number;
  /** The AsyncAPI document. */
  specFile: string;
  /** Its schemas: common.json, client/, server/. */
  schemasDir: string;
  /** Where its generated files go. */
  generatedDir: string;
  /** The OpenAPI document of its HTTP endpoints, when it has some. */
  openapiFile?: string;
}

const tree = (version: number, dir: string, generated: string, openapi?: string): SpecTree => ({
  version,
  specFile: path.join(ROOT, dir, 'asyncapi.yaml'),
  schemasDir: path.join(ROOT, dir, 'schemas'),
  generatedDir: path.join(ROOT, generated),
  ...(openapi ? { openapiFile: path.join(ROOT, dir, openapi) } : {}),
});

export const V1_TREE = tree(1, '.', 'generated');
export const V2_TREE = tree(2, 'protocols/v2', 'generated/v2', 'openapi.yaml');
/** Every protocol version, oldest first. */
export const SPEC_TREES: readonly SpecTree[] = [V1_TREE, V2_TREE];

export const SCHEMAS_DIR = V1_TREE.schemasDir;
export const GENERATED_DIR = V1_TREE.generatedDir;
export const SPEC_FILE = V1_TREE.specFile;

/** A path of the package, relative to its root, with forward slashes. */
export const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

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

export function commonSchema(spec: SpecTree = V1_TREE): JsonSchema {
  return readJson(path.join(spec.schemasDir, 'common.json'));
}

export function eventSchemas(spec: SpecTree = V1_TREE): EventSchema[] {
  const out: EventSchema[] = [];
  const shown = relative(spec.schemasDir);
  for (const direction of ['client', 'server'] as const) {
    const dir = path.join(spec.schemasDir, direction);
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const schema = readJson(path.join(dir, name));
      const type = schema.properties?.type?.const;
      if (typeof type !== 'string') throw new Error(`${shown}/${direction}/${name}: properties.type.const is missing`);
      if (`${type}.json` !== name)
        throw new Error(`${shown}/${direction}/${name}: file name must be the event type (${type}.json)`);
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

/** The first lines of every generated file of a version. */
export const bannerOf = (spec: SpecTree): string =>
  `Generated from ${relative(spec.specFile)} and ${relative(spec.schemasDir)}/ — do not edit. Run \`npm run generate\`.`;

export const BANNER = bannerOf(V1_TREE);

/** A generated file's path (relative to the root) in a version's folder. */
export const outputPath = (spec: SpecTree, name: string): string => relative(path.join(spec.generatedDir, name));

export interface OutputFile {
  /** Path relative to the project root. */
  path: string;
  content: string;
}
