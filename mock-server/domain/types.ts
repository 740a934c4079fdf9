// The chat world as the mock keeps it in memory, and what handling an event produces.
import type { ServerError, ServerEvent } from '../../protocol/index.js';

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

/** Who gets a server event: some users (each of their open connections), or every connected user. */
export type Recipients = { kind: 'users'; userIds: readonly number[] } | { kind: 'everyone'; except?: number };

export interface Delivery {
  to: Recipients;
  event: ServerEvent;
}

export type DomainResult = { ok: true; deliveries: Delivery[] } | { ok: false; error: ServerError };

/** A chat a user may act in, once access was checked. */
export interface ResolvedChat {
  type: ChatType;
  id: string | number;
  /** Every member: both participants, or the leader and the collaborators. */
  memberIds: readonly number[];
}
