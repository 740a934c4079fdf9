// The closed catalogue of error codes the server answers with, and the error event itself.
import type { ErrorCode, Problem, ServerError } from '../generated/types.js';
import { ERROR_CODES } from '../generated/constants.js';
import { shorten } from './pointer.js';

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

/** An error event lists at most this many problems; `problems_omitted` counts the rest. */
export const MAX_LISTED_PROBLEMS = 20;
/** Pointers longer than this (a frame's keys may be any length) are cut, and end with "…". */
export const MAX_SHOWN_POINTER = 200;
/** A message longer than this is cut, and ends with "…". */
export const MAX_SHOWN_MESSAGE = 500;

/**
 * The problems an error event lists: the first MAX_LISTED_PROBLEMS, each pointer and message cut
 * to a bounded length, so a reply stays a few KiB whatever the frame; and how many were left out
 * (`omittedBefore`: those a bounded validation already left out of `problems`).
 */
export function listedProblems(
  problems: readonly Problem[],
  omittedBefore = 0,
): { problems: Problem[]; omitted: number } {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) =>
    p.pointer.length <= MAX_SHOWN_POINTER && p.message.length <= MAX_SHOWN_MESSAGE
      ? p
      : {
          pointer: shorten(p.pointer, MAX_SHOWN_POINTER),
          code: p.code,
          message: shorten(p.message, MAX_SHOWN_MESSAGE),
        },
  );
  return { problems: listed, omitted: omittedBefore + problems.length - listed.length };
}

/**
 * The `error` event, with the top-level `error` text the reference backend sent. Problems beyond
 * the first MAX_LISTED_PROBLEMS are counted in `content.problems_omitted`, not listed.
 */
export function errorEvent(
  code: ErrorCode,
  message: string,
  options: { eventType?: string | null; problems?: readonly Problem[]; omitted?: number | undefined } = {},
): ServerError {
  const text = shorten(message, MAX_SHOWN_MESSAGE);
  const { problems, omitted } = listedProblems(options.problems ?? [], options.omitted);
  const eventType = options.eventType == null ? null : shorten(options.eventType);
  const content: ServerError['content'] = { code, message: text, event_type: eventType, problems };
  if (omitted > 0) content.problems_omitted = omitted;
  return { type: 'error', error: text, content };
}

/**
 * One line for a list of problems: the first one's message, and how many more there are (`total`
 * when the list holds only the first of them).
 */
export function summarizeProblems(problems: readonly Problem[], total = problems.length): string {
  const first = problems[0];
  if (!first) return 'The frame is invalid';
  const more = total - 1;
  return more > 0 ? `${first.message} (and ${more} more problem${more > 1 ? 's' : ''})` : first.message;
}
