// The chat world as the mock keeps it in memory, and what handling an event produces.
import type {
  ClientEvent,
  ClientNewMessage,
  ServerError,
  ServerEvent,
  ServerNewMessage,
} from '../../protocol/index.js';

export type ChatType = 'direct' | 'project';

/** A user of the world. `token` is the access token the mock accepts for that user. */
export interface WorldUser {
  id: number;
  first_name: string;
  last_name: string;
  avatar: string | null;
  /** A simulated user: answers direct messages and chats in its projects when bots are on. */
  bot: boolean;
  token: string;
}

/** A project and its chat: the leader and the collaborators are its members. */
export interface Project {
  id: number;
  title: string;
  leader_id: number;
  collaborator_ids: number[];
}

/** A stored message. Deleted messages stay, with `is_deleted` true. */
export interface StoredMessage {
  id: number;
  chat_type: ChatType;
  /** `"12_23"` for a direct chat, the project id for a project chat. */
  chat_id: string | number;
  author_id: number;
  text: string;
  reply_to: number | null;
  created_at: string;
  is_read: boolean;
  is_deleted: boolean;
  /** Edited since it was sent (protocol version 2's `edit_message`); absent: not edited. */
  is_edited?: boolean;
  /** The URLs of the files attached to it (version 2's `file_urls`); absent: none. */
  files?: string[];
}

export interface World {
  users: Map<number, WorldUser>;
  projects: Map<number, Project>;
  messages: Map<number, StoredMessage>;
  /** Direct chats that exist (created by their first message), by id, with their creation time. */
  directChats: Map<string, { created_at: string }>;
  /** Users marked online (by a connection, a set_online, or being a bot). */
  online: Set<number>;
  nextMessageId: number;
  /** The most messages kept; beyond it the oldest are evicted (a mock is not an archive). */
  maxMessages: number;
  /** How many messages were evicted so far. */
  evictedMessages: number;
  /**
   * Message ids in the order they were stored, from `orderHead` on: the next to evict first. (A
   * Map's own first key is no cheaper to find than this: deleted entries stay as holes it skips.)
   */
  messageOrder: number[];
  orderHead: number;
}

/**
 * new_message as the domain takes it: version 1's content, and the URLs of files attached to the
 * message (version 2's `file_urls`).
 */
export interface NewMessageEvent {
  type: 'new_message';
  content: ClientNewMessage['content'] & { file_urls?: readonly string[] };
}

/** Replacing the text of one's own message: version 2's `edit_message`, which version 1 never exposes. */
export interface EditMessageEvent {
  type: 'edit_message';
  content: ({ chat_type: 'direct'; chat_id: string } | { chat_type: 'project'; chat_id: number }) & {
    message_id: number;
    text: string;
  };
}

/**
 * What the domain takes: every client event of version 1, and what later versions add. A protocol
 * version is a translation into these at the edge (mock-server/dialects/), not a second domain.
 */
export type DomainEvent = Exclude<ClientEvent, ClientNewMessage> | NewMessageEvent | EditMessageEvent;

/** A message was edited: its chat and the message as version 1 shows it (the dialect adds the rest). */
export interface MessageEdited {
  type: 'edit_message';
  content: ServerNewMessage['content'];
}

/** What the domain sends: every server event of version 1, and what later versions add. */
export type DomainServerEvent = ServerEvent | MessageEdited;

/** Who gets a server event: some users (each of their open connections), or every connected user. */
export type Recipients = { kind: 'users'; userIds: readonly number[] } | { kind: 'everyone'; except?: number };

export interface Delivery {
  to: Recipients;
  event: DomainServerEvent;
}

export type DomainResult = { ok: true; deliveries: Delivery[] } | { ok: false; error: ServerError };

/** A chat a user may act in, once access was checked. */
export interface ResolvedChat {
  type: ChatType;
  id: string | number;
  /** Every member: both participants, or the leader and the collaborators. */
  memberIds: readonly number[];
}
