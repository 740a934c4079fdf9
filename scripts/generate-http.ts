// protocols/vN/openapi.yaml -> generated/vN/http-validators.ts: one Ajv standalone validator per
// schema a response body may have (`MessagePage`, `Detail`), compiled at generation time like the
// socket's, and the table of operations (method, path, the schema of each status) the mock routes
// and checks by. Response bodies must be named schemas (`$ref: '#/components/schemas/X'`), so every
// validator has a name a problem can point to; their `$ref`s into the version's schemas/ resolve
// against the same files the socket's validators use.
import fs from 'node:fs';
import standaloneModule from 'ajv/dist/standalone/index.js';
import YAML from 'yaml';
import { bannerOf, outputPath, type JsonSchema, type OutputFile, type SpecTree } from './lib/catalogue.js';
import { createAjv, requiresToImports } from './generate-validators.js';

const standaloneCode = standaloneModule.default;

type Node = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Where the document's component schemas live for Ajv: relative refs (./schemas/…) resolve from here. */
export const httpSchemaId = (spec: SpecTree): string => `https://chats-ws-protocol.dev/v${spec.version}/openapi.json`;

/** One operation of the document: what the mock routes and which validator checks each answer. */
export interface HttpOperation {
  operationId: string;
  method: (typeof METHODS)[number];
  /** The OpenAPI path, e.g. `/chats/directs/{id}/messages/`. */
  path: string;
  /** Status -> the component schema its JSON body must match. */
  responses: Record<string, string>;
}

export function readOpenapi(spec: SpecTree): Node {
  if (!spec.openapiFile) throw new Error(`protocol version ${spec.version} has no OpenAPI document`);
  return YAML.parse(fs.readFileSync(spec.openapiFile, 'utf8')) as Node;
}

const componentName = (ref: unknown, kind: string, where: string): string => {
  const prefix = `#/components/${kind}/`;
  if (typeof ref !== 'string' || !ref.startsWith(prefix))
    throw new Error(`${where}: expected a $ref to ${prefix}<name>, got ${JSON.stringify(ref)}`);
  return ref.slice(prefix.length);
};

/** Every operation, with the component schema of each JSON response. */
export function httpOperations(doc: Node): HttpOperation[] {
  const components = (doc.components ?? {}) as { responses?: Record<string, Node> };
  const operations: HttpOperation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Node>)) {
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== 'string') throw new Error(`${where}: no operationId`);
      const responses: Record<string, string> = {};
      for (const [status, raw] of Object.entries((operation.responses ?? {}) as Record<string, Node>)) {
        const response = raw.$ref
          ? components.responses?.[componentName(raw.$ref, 'responses', `${where} ${status}`)]
          : raw;
        const schema = ((response?.content as Node | undefined)?.['application/json'] as Node | undefined)?.schema as
          Node | undefined;
        if (!schema) throw new Error(`${where} ${status}: no application/json schema`);
        responses[status] = componentName(schema.$ref, 'schemas', `${where} ${status}`);
      }
      operations.push({ operationId: operation.operationId, method, path, responses });
    }
  }
  return operations;
}

/** The component schemas as one draft-07 schema: `#/components/schemas/X` becomes `#/definitions/X`. */
export function componentSchemas(doc: Node, spec: SpecTree): JsonSchema {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string'
          ? value.replace(/^#\/components\/schemas\//, '#/definitions/')
          : rewrite(value),
      ]),
    );
  };
  const schemas = ((doc.components as Node | undefined)?.schemas ?? {}) as Node;
  return { $id: httpSchemaId(spec), definitions: rewrite(schemas) as Record<string, JsonSchema> };
}

export function generateHttpValidators(spec: SpecTree): OutputFile[] {
  if (!spec.openapiFile) return [];
  const doc = readOpenapi(spec);
  const ajv = createAjv({ source: true }, spec);
  ajv.addSchema(componentSchemas(doc, spec));
  const operations = httpOperations(doc);
  // One export per schema: Ajv's standalone code declares a schema twice when two exports name it.
  const refs: Record<string, string> = {};
  for (const operation of operations) {
    for (const name of Object.values(operation.responses)) refs[name] = `${httpSchemaId(spec)}#/definitions/${name}`;
  }
  const code = standaloneCode(ajv, refs);
  const table = `\n/** Every operation of the OpenAPI document: method, path, and the schema of each answer. */\nexport const HTTP_OPERATIONS = ${JSON.stringify(operations, null, 2)};\n`;
  const file = outputPath(spec, 'http-validators.ts');
  const content = `// @ts-nocheck\n/* eslint-disable */\n// ${bannerOf(spec).replace('asyncapi.yaml', 'openapi.yaml')}\n${requiresToImports(code.replace(/^"use strict";/, ''), file)}\n${table}`;
  return [{ path: file, content }];
}
