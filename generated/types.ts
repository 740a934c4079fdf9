/* eslint-disable */
/**
 * Generated from asyncapi.yaml and schemas/ — do not edit. Run `npm run generate`.
 */

/**
 * Any frame of the protocol, in either direction.
 */
export type ChatsProtocolFrame = ClientEvent | ServerEvent;
/**
 * Every frame a client sends, told apart by `type`.
 */
export type ClientEvent =
  | ClientDeleteMessage
  | ClientMessageRead
  | ClientNewMessage
  | ClientSetOffline
  | ClientSetOnline
  | ClientUserTyping;
/**
 * The message to delete: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ClientDeleteMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ClientDeleteMessageContent =
  ClientDeleteMessageDirectContent | ClientDeleteMessageProjectContent;
/**
 * The id of a direct chat: the two participants' user ids joined by `_`, **the smaller id first** (`"12_23"`, never `"23_12"`; numeric order, so users 9 and 10 give `"9_10"`). The order rule cannot be written as a pattern: the package's validators check it and answer `chat_id_order`.
 */
export type DirectChatId = string;
/**
 * A message's id, unique across all chats.
 */
export type MessageId = number;
/**
 * The id of a project chat: the integer id of the project that owns the chat.
 */
export type ProjectChatId = number;
/**
 * The message that was read: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ClientMessageRead`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ClientMessageReadContent =
  ClientMessageReadDirectContent | ClientMessageReadProjectContent;
/**
 * The message to send: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ClientNewMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ClientNewMessageContent =
  ClientNewMessageDirectContent | ClientNewMessageProjectContent;
/**
 * The text of a message. The server strips leading and trailing white space; what remains must be 1 to 8192 characters long (a blank text is refused).
 */
export type MessageText = string;
/**
 * Where the user types: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ClientUserTyping`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ClientUserTypingContent =
  ClientUserTypingDirectContent | ClientUserTypingProjectContent;
/**
 * Every frame a server sends, told apart by `type`.
 */
export type ServerEvent =
  | ServerDeleteMessage
  | ServerError
  | ServerMessageRead
  | ServerNewMessage
  | ServerSetOffline
  | ServerSetOnline
  | ServerUserTyping;
/**
 * The deleted message and its chat: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ServerDeleteMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ServerDeleteMessageContent =
  ServerDeleteMessageDirectContent | ServerDeleteMessageProjectContent;
/**
 * A stable, machine-readable error code.
 *
 * This interface was referenced by `ServerError`'s JSON-Schema
 * via the `definition` "ErrorCode".
 */
export type ErrorCode =
  | 'invalid_json'
  | 'unsupported_data'
  | 'invalid_event'
  | 'unknown_event_type'
  | 'user_not_found'
  | 'chat_not_found'
  | 'not_chat_member'
  | 'message_not_found'
  | 'reply_not_in_chat'
  | 'cannot_read_own_message'
  | 'not_message_author'
  | 'rate_limited'
  | 'internal_error';
/**
 * What is wrong at one place in a frame.
 *
 * This interface was referenced by `ServerError`'s JSON-Schema
 * via the `definition` "ProblemCode".
 */
export type ProblemCode =
  | 'not_an_object'
  | 'missing_field'
  | 'unknown_field'
  | 'wrong_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'too_short'
  | 'too_long'
  | 'out_of_range'
  | 'unknown_event_type'
  | 'chat_id_order';
/**
 * Who read which message: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ServerMessageRead`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ServerMessageReadContent =
  ServerMessageReadDirectContent | ServerMessageReadProjectContent;
/**
 * A user's id.
 */
export type UserId = number;
/**
 * The stored message and its chat: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ServerNewMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ServerNewMessageContent =
  ServerNewMessageDirectContent | ServerNewMessageProjectContent;
/**
 * A point in time as an ISO 8601 / RFC 3339 string in UTC, with milliseconds (`2026-11-24T10:15:30.000Z`).
 */
export type Timestamp = string;
/**
 * Who types, where, and until when: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ServerUserTyping`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ServerUserTypingContent =
  ServerUserTypingDirectContent | ServerUserTypingProjectContent;

/**
 * Delete a message (only its author may).
 */
export interface ClientDeleteMessage {
  /**
   * The event type.
   */
  type: 'delete_message';
  content: ClientDeleteMessageContent;
}
/**
 * The message to delete (direct chat).
 *
 * This interface was referenced by `ClientDeleteMessage`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ClientDeleteMessageDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message_id: MessageId;
}
/**
 * The message to delete (project chat).
 *
 * This interface was referenced by `ClientDeleteMessage`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ClientDeleteMessageProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  message_id: MessageId;
}
/**
 * Mark a message as read.
 */
export interface ClientMessageRead {
  /**
   * The event type.
   */
  type: 'message_read';
  content: ClientMessageReadContent;
}
/**
 * The message that was read (direct chat).
 *
 * This interface was referenced by `ClientMessageRead`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ClientMessageReadDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message_id: MessageId;
}
/**
 * The message that was read (project chat).
 *
 * This interface was referenced by `ClientMessageRead`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ClientMessageReadProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  message_id: MessageId;
}
/**
 * Send a message to a direct or project chat.
 */
export interface ClientNewMessage {
  /**
   * The event type.
   */
  type: 'new_message';
  content: ClientNewMessageContent;
}
/**
 * The message to send (direct chat).
 *
 * This interface was referenced by `ClientNewMessage`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ClientNewMessageDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message: MessageText;
  /**
   * The id of the message this one answers (a message of the same chat). When there is none it must be sent, as null.
   */
  reply_to: MessageId | null;
}
/**
 * The message to send (project chat).
 *
 * This interface was referenced by `ClientNewMessage`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ClientNewMessageProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  message: MessageText;
  /**
   * The id of the message this one answers (a message of the same chat). When there is none it must be sent, as null.
   */
  reply_to: MessageId | null;
}
/**
 * Mark the user offline. No parameters.
 */
export interface ClientSetOffline {
  /**
   * The event type.
   */
  type: 'set_offline';
  content: EmptyContent;
}
/**
 * No parameters: an empty object.
 */
export interface EmptyContent {}
/**
 * Mark the user online. No parameters.
 */
export interface ClientSetOnline {
  /**
   * The event type.
   */
  type: 'set_online';
  content: EmptyContent;
}
/**
 * Tell the chat that the user is typing.
 */
export interface ClientUserTyping {
  /**
   * The event type.
   */
  type: 'user_typing';
  content: ClientUserTypingContent;
}
/**
 * Where the user types (direct chat).
 *
 * This interface was referenced by `ClientUserTyping`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ClientUserTypingDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
}
/**
 * Where the user types (project chat).
 *
 * This interface was referenced by `ClientUserTyping`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ClientUserTypingProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
}
/**
 * A message was deleted.
 */
export interface ServerDeleteMessage {
  /**
   * The event type.
   */
  type: 'delete_message';
  content: ServerDeleteMessageContent;
}
/**
 * The deleted message and its chat (direct chat).
 *
 * This interface was referenced by `ServerDeleteMessage`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ServerDeleteMessageDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message_id: MessageId;
}
/**
 * The deleted message and its chat (project chat).
 *
 * This interface was referenced by `ServerDeleteMessage`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ServerDeleteMessageProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  message_id: MessageId;
}
/**
 * The server refused a frame. The connection stays open.
 */
export interface ServerError {
  /**
   * The event type.
   */
  type: 'error';
  /**
   * The same text as `content.message`, kept at the top level as the reference backend sent it (`{"error": "..."}`), so clients written against that backend still see it.
   */
  error: string;
  content: ServerErrorContent;
}
/**
 * This interface was referenced by `ServerError`'s JSON-Schema
 * via the `definition` "ErrorContent".
 */
export interface ServerErrorContent {
  code: ErrorCode;
  /**
   * A readable explanation.
   */
  message: string;
  /**
   * The `type` of the refused frame when it could be read, else null.
   */
  event_type: string | null;
  /**
   * For schema violations, one entry per problem: the first 20 at most (the mock lists no more, and counts the rest in `problems_omitted`); otherwise empty.
   */
  problems: Problem[];
  /**
   * How many more problems the frame has than `problems` lists. Absent when `problems` lists them all.
   */
  problems_omitted?: number;
}
/**
 * One problem found in a frame.
 *
 * This interface was referenced by `ServerError`'s JSON-Schema
 * via the `definition` "Problem".
 */
export interface Problem {
  /**
   * JSON pointer (RFC 6901) to the offending place in the frame; "" for the frame itself.
   */
  pointer: string;
  code: ProblemCode;
  /**
   * A readable explanation.
   */
  message: string;
}
/**
 * A user read a message.
 */
export interface ServerMessageRead {
  /**
   * The event type.
   */
  type: 'message_read';
  content: ServerMessageReadContent;
}
/**
 * Who read which message (direct chat).
 *
 * This interface was referenced by `ServerMessageRead`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ServerMessageReadDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  user_id: UserId;
  message_id: MessageId;
}
/**
 * Who read which message (project chat).
 *
 * This interface was referenced by `ServerMessageRead`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ServerMessageReadProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  user_id: UserId;
  message_id: MessageId;
}
/**
 * A new message was stored in a chat.
 */
export interface ServerNewMessage {
  /**
   * The event type.
   */
  type: 'new_message';
  content: ServerNewMessageContent;
}
/**
 * The stored message and its chat (direct chat).
 *
 * This interface was referenced by `ServerNewMessage`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ServerNewMessageDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message: Message;
}
/**
 * A stored chat message, as the server sends it.
 */
export interface Message {
  id: MessageId;
  author: User;
  text: string;
  /**
   * The id of the message this one answers, or null.
   */
  reply_to: MessageId | null;
  created_at: Timestamp;
  /**
   * Whether the message has been read (in a direct chat: by the other participant; in a project chat: by any other member).
   */
  is_read: boolean;
  /**
   * Whether the message has been deleted by its author.
   */
  is_deleted: boolean;
}
/**
 * A user as the server shows it to others.
 */
export interface User {
  id: UserId;
  first_name: string;
  last_name: string;
  /**
   * URL of the user's avatar picture, or null when the user has none.
   */
  avatar: string | null;
}
/**
 * The stored message and its chat (project chat).
 *
 * This interface was referenced by `ServerNewMessage`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ServerNewMessageProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  message: Message;
}
/**
 * A user went offline.
 */
export interface ServerSetOffline {
  /**
   * The event type.
   */
  type: 'set_offline';
  content: UserIdContent;
}
export interface UserIdContent {
  user_id: UserId;
}
/**
 * A user came online.
 */
export interface ServerSetOnline {
  /**
   * The event type.
   */
  type: 'set_online';
  content: UserIdContent;
}
/**
 * A user is typing in a chat.
 */
export interface ServerUserTyping {
  /**
   * The event type.
   */
  type: 'user_typing';
  content: ServerUserTypingContent;
}
/**
 * Who types, where, and until when (direct chat).
 *
 * This interface was referenced by `ServerUserTyping`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ServerUserTypingDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  user_id: UserId;
  end_time: Timestamp;
}
/**
 * Who types, where, and until when (project chat).
 *
 * This interface was referenced by `ServerUserTyping`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ServerUserTypingProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatId;
  user_id: UserId;
  end_time: Timestamp;
}
