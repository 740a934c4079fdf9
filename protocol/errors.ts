// The closed catalogue of error codes the server answers with, and the error event itself.
import type { ErrorCode, Problem, ServerError } from '../generated/types.js';
import { ERROR_CODES } from '../generated/constants.js';

/** What each code means, once; the spec's `error` message says the same for people. */
export const ERROR_CODE_DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  invalid_json: 'The text frame is not JSON.',
  unsupported_data: 'A binary frame: the protocol is JSON text frames only.',
  invalid_event: "JSON that breaks the event's schema; `problems` says where and why.",
  unknown_event_type: '`type` is not one of the client events.',
  user_not_found: 'The other user of a direct chat id does not exist.',
  chat_not_found: 'No project has that id.',
  not_chat_member: 'The user is not a participant of that direct chat, or not a member of that project.',
  message_not_found: 'No message with that id in that chat (or it was deleted).',
  reply_not_in_chat: '`reply_to` names a message that is not in that chat.',
  cannot_read_own_message: "In a direct chat only the other participant's messages can be marked read.",
  not_message_author: 'Only the author may delete a message.',
  rate_limited: 'Too many frames in a short time; slow down and send again.',
  internal_error: 'A bug in the server; the frame was not applied.',
};

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** The `error` event, with the top-level `error` text the reference backend sent. */
export function errorEvent(
  code: ErrorCode,
  message: string,
  options: { eventType?: string | null; problems?: Problem[] } = {},
): ServerError {
  return {
    type: 'error',
    error: message,
    content: { code, message, event_type: options.eventType ?? null, problems: options.problems ?? [] },
  };
}

/** One line for a list of problems: the first one's message, and how many more there are. */
export function summarizeProblems(problems: readonly Problem[]): string {
  const [first, ...rest] = problems;
  if (!first) return 'The frame is invalid';
  return rest.length
    ? `${first.message} (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`
    : first.message;
}
