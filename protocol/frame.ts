// From raw WebSocket text to a typed client event or the error event that answers it.
import type { ClientEvent, ServerError } from '../generated/types.js';
import { MAX_LISTED_PROBLEMS, errorEvent, summarizeProblems } from './errors.js';
import { isPlainObject, validateClientEvent, type ValidateOptions, type ValidationResult } from './validate.js';

export type ParsedFrame<E = ClientEvent> = { ok: true; event: E } | { ok: false; error: ServerError };

/** A parser of client frames for one protocol version, from its client validator. */
export function createFrameParser<E>(
  validate: (frame: unknown, options?: ValidateOptions) => ValidationResult<E>,
): (text: string) => ParsedFrame<E> {
  return (text) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { ok: false, error: errorEvent('invalid_json', `The frame is not valid JSON: ${reason}`) };
    }
    const result = validate(data, { maxProblems: MAX_LISTED_PROBLEMS });
    if (result.ok) return result;
    const { problems, omitted = 0 } = result;
    const type = isPlainObject(data) && typeof data.type === 'string' ? data.type : null;
    const unknownType = problems.some((p) => p.code === 'unknown_event_type');
    const code = unknownType ? 'unknown_event_type' : 'invalid_event';
    const summary = summarizeProblems(problems, problems.length + omitted);
    return { ok: false, error: errorEvent(code, summary, { eventType: type, problems, omitted }) };
  };
}

/** Parses and validates one text frame a client sent. */
export const parseClientFrame: (text: string) => ParsedFrame = createFrameParser(validateClientEvent);
