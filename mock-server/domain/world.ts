// Building the in-memory world from plain data, exporting it back, and reading it as the wire shows it.
import type { Message, User } from '../../protocol/index.js';
import type { Project, StoredMessage, World, WorldUser } from './types.js';

/** The world as plain JSON: what `--fixtures FILE` loads and `GET /__mock/state` exports. */
export interface WorldData {
  users: WorldUser[];
  projects: Project[];
  messages: StoredMessage[];
}

export interface WorldOptions {
  /** The most messages kept (the newest); default: no limit. */
  maxMessages?: number;
}

export function createWorld(data: WorldData, options: WorldOptions = {}): World {
  const world: World = {
    users: new Map(data.users.map((u) => [u.id, { ...u }])),
    projects: new Map(data.projects.map((p) => [p.id, { ...p, collaborator_ids: [...p.collaborator_ids] }])),
    messages: new Map(),
    directChats: new Map(),
    online: new Set(data.users.filter((u) => u.bot).map((u) => u.id)),
    nextMessageId: 1,
    maxMessages: options.maxMessages ?? Infinity,
    evictedMessages: 0,
    messageOrder: [],
    orderHead: 0,
  };
  const sorted = [...data.messages].sort((a, b) => a.id - b.id);
  for (const message of sorted) {
    if (message.chat_type === 'direct' && !world.directChats.has(String(message.chat_id))) {
      world.directChats.set(String(message.chat_id), { created_at: message.created_at });
    }
    storeMessage(world, { ...message });
    world.nextMessageId = Math.max(world.nextMessageId, message.id + 1);
  }
  return world;
}

/**
 * Keeps a message; when that makes more than `maxMessages`, the oldest are evicted (their chats
 * stay, and a reply to one of them keeps its `reply_to` id).
 */
export function storeMessage(world: World, message: StoredMessage): void {
  if (!world.messages.has(message.id)) world.messageOrder.push(message.id);
  world.messages.set(message.id, message);
  while (world.messages.size > world.maxMessages && world.orderHead < world.messageOrder.length) {
    const oldest = world.messageOrder[world.orderHead++] as number;
    if (world.messages.delete(oldest)) world.evictedMessages++;
  }
  if (world.orderHead > 4096 && world.orderHead * 2 > world.messageOrder.length) {
    world.messageOrder = world.messageOrder.slice(world.orderHead);
    world.orderHead = 0;
  }
}

export function exportWorld(world: World): WorldData {
  return {
    users: [...world.users.values()].map((u) => ({ ...u })),
    projects: [...world.projects.values()].map((p) => ({ ...p, collaborator_ids: [...p.collaborator_ids] })),
    messages: [...world.messages.values()].map((m) => ({ ...m })),
  };
}

/** The leader first, then the collaborators, each once. */
export function projectMemberIds(project: Pick<Project, 'leader_id' | 'collaborator_ids'>): number[] {
  return [...new Set([project.leader_id, ...project.collaborator_ids])];
}

export function toWireUser(user: WorldUser): User {
  return { id: user.id, first_name: user.first_name, last_name: user.last_name, avatar: user.avatar };
}

/** A placeholder for an author the world does not know (only possible with a hand-edited world). */
const unknownUser = (id: number): User => ({ id, first_name: 'Unknown', last_name: `user ${id}`, avatar: null });

export function toWireMessage(world: World, message: StoredMessage): Message {
  const author = world.users.get(message.author_id);
  return {
    id: message.id,
    author: author ? toWireUser(author) : unknownUser(message.author_id),
    text: message.text,
    reply_to: message.reply_to,
    created_at: message.created_at,
    is_read: message.is_read,
    is_deleted: message.is_deleted,
  };
}

/** The messages of one chat, oldest first. */
export function chatMessages(world: World, type: 'direct' | 'project', id: string | number): StoredMessage[] {
  const list: StoredMessage[] = [];
  for (const message of world.messages.values()) {
    if (message.chat_type === type && message.chat_id === id) list.push(message);
  }
  return list.sort((a, b) => a.id - b.id);
}
