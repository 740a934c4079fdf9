/**
 * chats-ws-protocol/v2: types, validators and helpers for protocol version 2, the later dialect
 * the reference backend and its web frontend spoke from late 2023 (protocols/v2/asyncapi.yaml):
 * `new_message` with `text` and `file_urls`, `edit_message`, the server's `{chat_id, message}`
 * with the full serialised message, project chat ids sent as numeric strings.
 * Everything here is derived from protocols/v2/ (see generated/v2/); the root entry
 * (`chats-ws-protocol`) stays version 1.
 */
import * as compiled from '../../generated/v2/validators.js';
import { CHAT_TYPES, CLIENT_EVENT_TYPES, FIELD_NAMES, SERVER_EVENT_TYPES } from '../../generated/v2/constants.js';
import type { ClientEvent, ServerEvent } from '../../generated/v2/types.js';
import { createFrameParser, type ParsedFrame as Parsed } from '../frame.js';
import { createFrameValidators, type ValidateOptions, type ValidationResult } from '../validate.js';

export type * from '../../generated/v2/types.js';
export {
  CHAT_EVENT_TYPES,
  CHAT_TYPES,
  CLIENT_EVENT_TYPES,
  ERROR_CODES,
  GENERAL_EVENT_TYPES,
  MESSAGE_TEXT_MAX_LENGTH,
  MESSAGE_TEXT_PATTERN,
  PROBLEM_CODES,
  SERVER_EVENT_TYPES,
} from '../../generated/v2/constants.js';
export { isPlainObject, WIDE_OBJECT_KEYS, type ValidateOptions, type ValidationResult } from '../validate.js';
export { directChatId, parseDirectChatId, isOrderedDirectChatId, chatIdOrderMessage } from '../direct-chat-id.js';
export {
  ERROR_CODE_DESCRIPTIONS,
  MAX_LISTED_PROBLEMS,
  errorEvent,
  isErrorCode,
  listedProblems,
  summarizeProblems,
} from '../errors.js';
export { valueAt, fieldLabel } from '../pointer.js';

/** This module's protocol version. */
export const PROTOCOL_VERSION = 2;
/** The WebSocket endpoint's path in version 2 (singular, as the later frontend connects). */
export const CHAT_PATH = '/ws/chat/';
/** How long a typing indicator lasts after a `user_typing`, in milliseconds. */
export const TYPING_DURATION_MS = 5000;

const V2 = createFrameValidators<ClientEvent, ServerEvent>({
  compiled,
  clientEventTypes: CLIENT_EVENT_TYPES,
  serverEventTypes: SERVER_EVENT_TYPES,
  chatTypes: CHAT_TYPES,
  fieldNames: FIELD_NAMES,
});

/** Checks a parsed frame a client sent (or would send) against version 2. */
export const validateClientEvent: (frame: unknown, options?: ValidateOptions) => ValidationResult<ClientEvent> =
  V2.validateClientEvent;

/** Checks a parsed frame a server sent (or would send) against version 2. */
export const validateServerEvent: (frame: unknown, options?: ValidateOptions) => ValidationResult<ServerEvent> =
  V2.validateServerEvent;

/** Parses and validates one text frame a client sent, against version 2. */
export const parseClientFrame: (text: string) => ParsedFrame = createFrameParser(validateClientEvent);

/** A client frame read: the version 2 event, or the error event that answers it. */
export type ParsedFrame = Parsed<ClientEvent>;
export { HTTP_OPERATIONS, validateHttpResponse, type HttpOperation } from './http.js';
