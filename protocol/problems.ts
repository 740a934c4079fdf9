// Turns Ajv's errors into the protocol's problems: one per place, with a stable code and a
// readable message that names the field.
import type { ErrorObject } from 'ajv';
import type { Problem, ProblemCode } from '../generated/types.js';
import { MESSAGE_TEXT_MAX_LENGTH, MESSAGE_TEXT_PATTERN } from '../generated/constants.js';
import { appendPointer, fieldLabel, quote, valueAt } from './pointer.js';

const CODE_BY_KEYWORD: Record<string, ProblemCode> = {
  required: 'missing_field',
  additionalProperties: 'unknown_field',
  type: 'wrong_type',
  const: 'invalid_value',
  enum: 'invalid_value',
  pattern: 'invalid_format',
  format: 'invalid_format',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'out_of_range',
  maximum: 'out_of_range',
  exclusiveMinimum: 'out_of_range',
  exclusiveMaximum: 'out_of_range',
};

/** Combinators only say "some branch failed"; the branches' own errors say what. */
const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'not']);

export const problem = (pointer: string, code: ProblemCode, text: string): Problem => ({
  pointer,
  code,
  message: `${fieldLabel(pointer)} ${text}`,
});

function describe(error: ErrorObject, frame: unknown, pointer: string): Problem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return problem(
        pointer,
        'missing_field',
        pointer.endsWith('/reply_to') ? 'is required: send null when the message answers nothing' : 'is required',
      );
    case 'additionalProperties':
      return problem(pointer, 'unknown_field', 'is not a field of this event');
    case 'type':
      return problem(pointer, 'wrong_type', `must be ${params.type === 'object' ? 'an object' : params.type}`);
    case 'const':
      return problem(pointer, 'invalid_value', `must be ${JSON.stringify(params.allowedValue)}`);
    case 'enum':
      return problem(
        pointer,
        'invalid_value',
        `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'pattern': {
      const value = valueAt(frame, pointer);
      if (typeof value === 'string' && params.pattern === MESSAGE_TEXT_PATTERN) {
        // MessageText: 1..N characters once trimmed.
        const trimmed = value.trim().length;
        return trimmed === 0
          ? problem(pointer, 'too_short', 'must not be empty or only white space')
          : problem(
              pointer,
              'too_long',
              `must be at most ${MESSAGE_TEXT_MAX_LENGTH} characters after trimming (got ${trimmed})`,
            );
      }
      return problem(
        pointer,
        'invalid_format',
        pointer.endsWith('/chat_id')
          ? `must look like "{user1_id}_{user2_id}" with the smaller id first, e.g. "12_23" (got ${quote(value)})`
          : `must match ${String(params.pattern)}`,
      );
    }
    case 'minLength':
      return problem(
        pointer,
        'too_short',
        params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`,
      );
    case 'maxLength':
      return problem(pointer, 'too_long', `must be at most ${String(params.limit)} characters`);
    case 'format':
      return problem(pointer, 'invalid_format', `must be a ${String(params.format)} string`);
    default: {
      const code = CODE_BY_KEYWORD[error.keyword] ?? 'invalid_value';
      return problem(pointer, code, error.message ?? 'is invalid');
    }
  }
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return appendPointer(error.instancePath, String(params.missingProperty));
  if (error.keyword === 'additionalProperties')
    return appendPointer(error.instancePath, String(params.additionalProperty));
  return error.instancePath;
}

/**
 * One problem per place and code. Where a value may take several shapes (`integer | null`),
 * a wrong type at a place is reported once, listing every accepted type, and only when the value
 * fits none of them: a value of an accepted type that breaks a bound reports the bound.
 */
export function toProblems(errors: readonly ErrorObject[], frame: unknown): Problem[] {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (COMBINATORS.has(error.keyword)) continue;
    const pointer = pointerOf(error);
    const list = byPlace.get(pointer);
    if (list) list.push(error);
    else byPlace.set(pointer, [error]);
  }
  const problems: Problem[] = [];
  for (const [pointer, entries] of byPlace) {
    if (entries.length === 1) {
      problems.push(describe(entries[0] as ErrorObject, frame, pointer));
      continue;
    }
    const typeErrors = entries.filter((e) => e.keyword === 'type');
    const others = entries.filter((e) => e.keyword !== 'type');
    if (others.length === 0 && typeErrors.length > 1) {
      const types = typeErrors.map((e) => String((e.params as Record<string, unknown>).type));
      const names = [...new Set(types)].map((t) => (t === 'object' ? 'an object' : t));
      problems.push(problem(pointer, 'wrong_type', `must be ${names.join(' or ')}`));
      continue;
    }
    for (const error of others.length ? others : typeErrors) problems.push(describe(error, frame, pointer));
  }
  return dedupe(problems);
}

/** What makes two problems the same: their place and their code. */
export const problemKey = (p: Problem): string => `${p.pointer}\u0000${p.code}`;

export function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = problemKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
