// The proxy's verdict on each frame it relays: client frames ("in") against the client schemas,
// server frames ("out") against the server schemas, with the rules no schema can say (the
// direct-chat-id order). Which spec version is a parameter: a set of validators.
import { MAX_LISTED_PROBLEMS, validateClientEvent, validateServerEvent } from '../../protocol/index.js';
import type { Problem, ValidateOptions, ValidationResult } from '../../protocol/index.js';

/** The validators of one version of the protocol. */
export interface ProtocolValidators {
  /** Shown in logs and /healthz: "1". */
  version: string;
  client(frame: unknown, options?: ValidateOptions): ValidationResult<unknown>;
  server(frame: unknown, options?: ValidateOptions): ValidationResult<unknown>;
}

/** Version 1: asyncapi.yaml and schemas/ (the default). */
export const PROTOCOL_1: ProtocolValidators = {
  version: '1',
  client: validateClientEvent,
  server: validateServerEvent,
};

export interface Judged {
  /** The frame's `type`, when it is a JSON object with a string one. */
  type: string | null;
  valid: boolean;
  /** The first MAX_LISTED_PROBLEMS; `omitted` counts the rest. */
  problems: Problem[];
  omitted: number;
  /** The text (a description for a binary frame). */
  text: string;
  /** The parsed JSON, when the text is JSON. */
  parsed?: unknown;
  /** Why it is invalid when there is no problems list: not JSON, binary. */
  note?: string;
}

/** Judges one frame going `direction` ("in": sent by the client, "out": by the server). */
export function judgeFrame(
  validators: ProtocolValidators,
  direction: 'in' | 'out',
  data: Buffer,
  isBinary: boolean,
): Judged {
  if (isBinary)
    return {
      type: null,
      valid: false,
      problems: [],
      omitted: 0,
      text: `<binary frame, ${data.length} bytes>`,
      note: 'a binary frame: the protocol has JSON text frames only',
    };
  const text = data.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { type: null, valid: false, problems: [], omitted: 0, text, note: `not JSON: ${reason}` };
  }
  const validate = direction === 'in' ? validators.client : validators.server;
  const result = validate(parsed, { maxProblems: MAX_LISTED_PROBLEMS });
  const type =
    typeof parsed === 'object' && parsed !== null && typeof (parsed as { type?: unknown }).type === 'string'
      ? (parsed as { type: string }).type
      : null;
  if (result.ok) return { type, valid: true, problems: [], omitted: 0, text, parsed };
  return { type, valid: false, problems: result.problems, omitted: result.omitted ?? 0, text, parsed };
}
