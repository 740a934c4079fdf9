/* eslint-disable */
/**
 * Generated from protocols/v2/asyncapi.yaml and protocols/v2/schemas/ — do not edit. Run `npm run generate`.
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
  | ClientEditMessage
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
 * The id of a direct chat: the two participants' user ids joined by `_`, **the smaller id first** (`"12_23"`, never `"23_12"`; numeric order, so users 9 and 10 give `"9_10"`).
 */
export type DirectChatId = string;
/**
 * A message's id, unique across all chats.
 */
export type MessageId = number;
/**
 * The id of a project chat as a client sends it: the id of the project that owns the chat, as a numeric string (`"7"`), the way the later web frontend sends it (the backend read it with `ProjectChat.objects.get(pk=chat_id)`, so a string was accepted). The server answers with the integer (`7`).
 */
export type ProjectChatIdText = string;
/**
 * The message to edit and its new text: a direct-chat or a project-chat variant, told apart by `chat_type`.
 *
 * This interface was referenced by `ClientEditMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export type ClientEditMessageContent =
  ClientEditMessageDirectContent | ClientEditMessageProjectContent;
/**
 * The text of a message. The server strips leading and trailing white space; what remains must be 1 to 8192 characters long (a blank text is refused).
 */
export type MessageText = string;
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
 * The URL of a file uploaded beforehand over REST (as the upload answered it), to attach to a message.
 */
export type FileUrl = string;
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
  | ServerEditMessage
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
 * The id of a project chat as the server sends it: the id of the project that owns the chat, an integer (`7`).
 */
export type ProjectChatId = number;
/**
 * The id of a chat where no `chat_type` says which kind it is: a direct chat id, a string (`"12_23"`), or a project chat id, an integer (`7`); the two forms never overlap.
 */
export type ChatId = DirectChatId | ProjectChatId;
/**
 * A user's id.
 */
export type UserId = number;
/**
 * A point in time as an ISO 8601 / RFC 3339 string in UTC, with milliseconds (`2023-11-24T10:15:30.000Z`).
 */
export type Timestamp = string;
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
  chat_id: ProjectChatIdText;
  message_id: MessageId;
}
/**
 * Replace the text of a message (only its author may).
 */
export interface ClientEditMessage {
  /**
   * The event type.
   */
  type: 'edit_message';
  content: ClientEditMessageContent;
}
/**
 * The message to edit and its new text (direct chat).
 *
 * This interface was referenced by `ClientEditMessage`'s JSON-Schema
 * via the `definition` "DirectContent".
 */
export interface ClientEditMessageDirectContent {
  /**
   * A direct chat between two users.
   */
  chat_type: 'direct';
  chat_id: DirectChatId;
  message_id: MessageId;
  text: MessageText;
}
/**
 * The message to edit and its new text (project chat).
 *
 * This interface was referenced by `ClientEditMessage`'s JSON-Schema
 * via the `definition` "ProjectContent".
 */
export interface ClientEditMessageProjectContent {
  /**
   * A project's chat.
   */
  chat_type: 'project';
  chat_id: ProjectChatIdText;
  message_id: MessageId;
  text: MessageText;
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
  chat_id: ProjectChatIdText;
  message_id: MessageId;
}
/**
 * Send a message to a direct or project chat: its text, the message it answers, and the files attached to it.
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
  text: MessageText;
  /**
   * The id of the message this one answers (a message of the same chat). When there is none it must be sent, as null.
   */
  reply_to: MessageId | null;
  /**
   * The URLs of files uploaded beforehand over REST, to attach to the message; an empty array when there are none. Always sent.
   */
  file_urls: FileUrl[];
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
  chat_id: ProjectChatIdText;
  text: MessageText;
  /**
   * The id of the message this one answers (a message of the same chat). When there is none it must be sent, as null.
   */
  reply_to: MessageId | null;
  /**
   * The URLs of files uploaded beforehand over REST, to attach to the message; an empty array when there are none. Always sent.
   */
  file_urls: FileUrl[];
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
  chat_id: ProjectChatIdText;
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
 * A message was edited.
 */
export interface ServerEditMessage {
  /**
   * The event type.
   */
  type: 'edit_message';
  content: ServerEditMessageContent;
}
/**
 * The chat and the edited message, serialised in full, with `is_edited` true. The form of `chat_id` tells the kind of chat.
 *
 * This interface was referenced by `ServerEditMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export interface ServerEditMessageContent {
  chat_id: ChatId;
  /**
   * The edited message.
   */
  message: Message & {
    /**
     * Always true: the message was edited.
     */
    is_edited?: true;
  };
}
/**
 * A stored chat message, as the backend's message serializer sends it (`DirectChatMessageListSerializer` / `ProjectChatMessageListSerializer` in `chats/serializers.py` of PROCOLLAB-github/api): the same shape on the socket and over HTTP.
 */
export interface Message {
  id: MessageId;
  author: User;
  text: string;
  /**
   * The message this one answers, or null. It is serialised one level deep (the backend's `DirectChatMessageSerializer`): its own `reply_to` is an id, and it carries no `files`.
   */
  reply_to: ReplyMessage | null;
  created_at: Timestamp;
  /**
   * Whether the message has been read (in a direct chat: by the other participant; in a project chat: by any other member).
   */
  is_read: boolean;
  /**
   * Whether the message has been deleted by its author.
   */
  is_deleted: boolean;
  /**
   * Whether the message has been edited since it was sent.
   */
  is_edited: boolean;
  /**
   * The files attached to the message (empty when there are none).
   */
  files: File[];
}
/**
 * A user as the backend's user serializer shows it to others. The serializer may send more fields than these; clients ignore the ones they do not know.
 */
export interface User {
  id: UserId;
  first_name: string;
  last_name: string;
  /**
   * URL of the user's avatar picture, or null when the user has none.
   */
  avatar: string | null;
  /**
   * The user's e-mail address.
   */
  email: string;
  /**
   * Whether the user has an open connection now.
   */
  is_online: boolean;
}
/**
 * The message a message answers, serialised one level deep: its own `reply_to` is the id of the message it answers (or null), and it has no `files`.
 */
export interface ReplyMessage {
  id: MessageId;
  author: User;
  text: string;
  /**
   * The id of the message this one answers, or null.
   */
  reply_to: MessageId | null;
  created_at: Timestamp;
  is_read: boolean;
  is_deleted: boolean;
  is_edited: boolean;
}
/**
 * A file attached to a message, as the backend's file serializer shows it (`files/serializers.py`, `UserFileSerializer` of PROCOLLAB-github/api: name, extension, mime_type, size, link, user, datetime_uploaded). The later web frontend reads `name`, `extension`, `size`, `link`, `user` and `datetime_uploaded` (`ChatFile` in its `chat-message.model.ts`). `user` is the id of the user who uploaded it (the message's author), `datetime_uploaded` when.
 */
export interface File {
  /**
   * The file name, without its extension.
   */
  name: string;
  /**
   * The extension, lower case, without the dot (`"pdf"`); empty when the name has none.
   */
  extension: string;
  /**
   * The media type (`"application/pdf"`).
   */
  mime_type: string;
  /**
   * The size in bytes (0 when the server does not know it).
   */
  size: number;
  /**
   * The URL the file is downloaded from: one of the message's `file_urls`.
   */
  link: string;
  user: UserId;
  datetime_uploaded: Timestamp;
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
 * The chat and the stored message. There is no `chat_type`: the form of `chat_id` tells a direct chat (`"12_23"`) from a project chat (`"7"`).
 *
 * This interface was referenced by `ServerNewMessage`'s JSON-Schema
 * via the `definition` "Content".
 */
export interface ServerNewMessageContent {
  chat_id: ChatId;
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
