// The HTTP endpoints of version 2 (protocols/v2/openapi.yaml): the table of operations and a
// check of each answer against the schema the document gives it, with the socket's problem codes.
import type { ErrorObject } from 'ajv';
import * as compiled from '../../generated/v2/http-validators.js';
import type { Problem } from '../../generated/v2/types.js';
import { toProblems } from '../problems.js';

/** One operation of the OpenAPI document. */
export interface HttpOperation {
  readonly operationId: string;
  readonly method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  /** The OpenAPI path, e.g. `/chats/directs/{id}/messages/`. */
  readonly path: string;
  /** Status -> the name of the component schema its JSON body must match. */
  readonly responses: Readonly<Record<string, string>>;
}

/** Every operation of version 2's OpenAPI document. */
export const HTTP_OPERATIONS = (compiled as unknown as { HTTP_OPERATIONS: readonly HttpOperation[] }).HTTP_OPERATIONS;

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const validators = compiled as unknown as Record<string, CompiledValidator | undefined>;

/**
 * The problems of an answer of `operationId` with `status` and this JSON body: none when it
 * matches its schema; one `invalid_value` problem when the document gives that operation no such
 * status.
 */
export function validateHttpResponse(operationId: string, status: number, body: unknown): Problem[] {
  const schema = HTTP_OPERATIONS.find((o) => o.operationId === operationId)?.responses[String(status)];
  const validate = schema === undefined ? undefined : validators[schema];
  if (!validate)
    return [
      { pointer: '', code: 'invalid_value', message: `${operationId} has no ${status} answer in the OpenAPI document` },
    ];
  return validate(body) ? [] : toProblems(validate.errors ?? [], body);
}
