/**
 * chats-ws-protocol: types, validators and helpers for the /ws/chats/ WebSocket protocol.
 * Everything here is derived from asyncapi.yaml and schemas/ (see generated/).
 */
export type * from '../generated/types.js';
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
} from '../generated/constants.js';
export {
  validateClientEvent,
  validateServerEvent,
  isPlainObject,
  WIDE_OBJECT_KEYS,
  type ValidateOptions,
  type ValidationResult,
} from './validate.js';
export { directChatId, parseDirectChatId, isOrderedDirectChatId, chatIdOrderMessage } from './direct-chat-id.js';
export {
  ERROR_CODE_DESCRIPTIONS,
  MAX_LISTED_PROBLEMS,
  errorEvent,
  isErrorCode,
  listedProblems,
  summarizeProblems,
} from './errors.js';
export { parseClientFrame, type ParsedFrame } from './frame.js';
export { valueAt, fieldLabel } from './pointer.js';

/** The WebSocket endpoint's path, as the protocol document names it. */
export const CHATS_PATH = '/ws/chats/';
/** How long a typing indicator lasts after a `user_typing`, in milliseconds. */
export const TYPING_DURATION_MS = 5000;
