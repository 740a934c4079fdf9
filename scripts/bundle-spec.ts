// asyncapi.yaml + schemas/ -> generated/asyncapi.json: the whole spec in one file, every external
// $ref inlined, for tools and people who want a single document (served by the mock too).
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { SPEC_FILE, type OutputFile } from './lib/catalogue.js';

/** Drop `$id` and `$schema` from inlined schemas: their base URI would redirect the bundle's refs. */
function stripIds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(stripIds);
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    delete obj.$id;
    delete obj.$schema;
    Object.values(obj).forEach(stripIds);
  }
}

export async function bundleSpec(): Promise<OutputFile[]> {
  const bundled = await $RefParser.bundle(SPEC_FILE);
  stripIds(bundled);
  return [{ path: 'generated/asyncapi.json', content: JSON.stringify(bundled, null, 2) + '\n' }];
}
