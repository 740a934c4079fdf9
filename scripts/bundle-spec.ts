// asyncapi.yaml + schemas/ -> generated/asyncapi.json: the whole spec in one file (and a version's
// openapi.yaml -> generated/vN/openapi.json the same way). Each schema
// file is inlined once under components.schemas (named by its title) and every $ref to it, or
// into it, becomes a local ref; the document's own refs stay exactly as written (a generic
// bundler would shorten ref chains, which breaks AsyncAPI's "operation messages come from the
// channel" rule).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { V1_TREE, outputPath, type JsonSchema, type OutputFile, type SpecTree } from './lib/catalogue.js';

type Node = Record<string, unknown>;

export async function bundleSpec(tree: SpecTree = V1_TREE): Promise<OutputFile[]> {
  const files = [bundleDocument(tree.specFile, outputPath(tree, 'asyncapi.json'))];
  if (tree.openapiFile) files.push(bundleDocument(tree.openapiFile, outputPath(tree, 'openapi.json')));
  return files;
}

/**
 * One YAML document (AsyncAPI, or OpenAPI 3.1: both keep schemas under components.schemas) as one
 * JSON file, every schema file it refers to inlined.
 */
export function bundleDocument(documentFile: string, outPath: string): OutputFile {
  const spec = YAML.parse(fs.readFileSync(documentFile, 'utf8')) as Node;
  const inlined = new Map<string, { name: string; schema: JsonSchema }>();

  /** The local ref for `ref`, found in the file `from`; inlines the file it names on first use. */
  function localRef(ref: string, from: string): string {
    const [filePart = '', fragment = ''] = ref.split('#');
    const file = filePart ? path.resolve(path.dirname(from), filePart) : from;
    if (file === documentFile) return ref;
    let entry = inlined.get(file);
    if (!entry) {
      const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema;
      const name = (schema.title ?? path.basename(file, '.json')).replace(/[^A-Za-z0-9_.-]/g, '');
      entry = { name, schema };
      inlined.set(file, entry);
      delete schema.$id;
      delete schema.$schema;
      rewrite(schema, file);
    }
    return `#/components/schemas/${entry.name}${fragment}`;
  }

  function rewrite(node: unknown, from: string): void {
    if (Array.isArray(node)) return node.forEach((n) => rewrite(n, from));
    if (!node || typeof node !== 'object') return;
    const obj = node as Node;
    if (typeof obj.$ref === 'string') obj.$ref = localRef(obj.$ref, from);
    for (const [key, value] of Object.entries(obj)) if (key !== '$ref') rewrite(value, from);
  }

  rewrite(spec, documentFile);
  const components = (spec.components ??= {}) as Node;
  const schemas = (components.schemas ??= {}) as Node;
  for (const { name, schema } of [...inlined.values()].sort((a, b) => a.name.localeCompare(b.name)))
    schemas[name] = schema;
  return { path: outPath, content: JSON.stringify(spec, null, 2) + '\n' };
}
