// Protocol version 2's documents as the package ships them: every example of its AsyncAPI document
// is accepted by the generated version 2 validators (the schemas plus the rules no pattern says),
// and its OpenAPI document names, for every answer of every operation, a schema the generated
// HTTP validators know, with the routes the later frontend calls.
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  HTTP_OPERATIONS,
  validateClientEvent,
  validateServerEvent,
  validateHttpResponse,
} from '../../protocol/v2/index.js';
import { checkSpec } from '../../scripts/check-spec.js';
import { ROOT, V2_TREE } from '../../scripts/lib/catalogue.js';

interface Doc {
  components: { messages: Record<string, { name: string; examples: { name: string; payload: unknown }[] }> };
}
const asyncapi = YAML.parse(fs.readFileSync(path.join(ROOT, 'protocols/v2/asyncapi.yaml'), 'utf8')) as Doc;

describe('protocols/v2/asyncapi.yaml', () => {
  it('passes npm run check:spec -- protocols/v2/asyncapi.yaml: it parses, and its examples are valid version 2', async () => {
    const checks = await checkSpec(V2_TREE.specFile);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.length).toBeGreaterThan(20);
  }, 60_000);

  const examples = Object.entries(asyncapi.components.messages).flatMap(([id, message]) =>
    message.examples.map((e) => [`${id}/${e.name}`, id.startsWith('client'), e.payload] as const),
  );

  it.each(examples)('example %s is valid against the generated validators', (_name, client, payload) => {
    const result = client ? validateClientEvent(payload) : validateServerEvent(payload);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('protocols/v2/openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser validates it against the OpenAPI schema, $refs resolved)', async () => {
    const api = await SwaggerParser.validate(path.join(ROOT, 'protocols/v2/openapi.yaml'));
    expect(api).toMatchObject({ openapi: '3.1.0', info: { version: '2.0.0' } });
  });

  it('has the operations the later frontend calls, each answer with a schema the validators know', () => {
    expect(HTTP_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual([
      'GET /chats/directs/',
      'GET /chats/directs/{id}/',
      'GET /chats/directs/{id}/messages/',
      'GET /chats/directs/{id}/files/',
      'GET /chats/projects/',
      'GET /chats/projects/{id}/',
      'GET /chats/projects/{id}/messages/',
      'GET /chats/projects/{id}/files/',
      'GET /chats/has-unreads/',
    ]);
    for (const operation of HTTP_OPERATIONS) {
      expect(Object.keys(operation.responses), operation.operationId).toContain('200');
      expect(operation.responses['401'], operation.operationId).toBe('Detail');
      for (const status of Object.keys(operation.responses)) {
        // A body of the wrong shape is refused: the validator exists and checks.
        expect(validateHttpResponse(operation.operationId, Number(status), 'not a body').length).toBeGreaterThan(0);
      }
    }
  });

  it('refuses an answer the document does not give an operation', () => {
    expect(validateHttpResponse('getUnreadState', 404, { detail: 'x' })).toEqual([
      { pointer: '', code: 'invalid_value', message: 'getUnreadState has no 404 answer in the OpenAPI document' },
    ]);
    expect(validateHttpResponse('getUnreadState', 200, { has_unreads: 'yes' })).toEqual([
      { pointer: '/has_unreads', code: 'wrong_type', message: 'has_unreads must be boolean' },
    ]);
  });
});
