// The operations behind the control API (and the programmatic API): users, a snapshot of the
// state, emitting a server event.
import { parseDirectChatId } from '../../protocol/index.js';
import type { Problem } from '../../protocol/index.js';
import { exportWorld, projectMemberIds } from '../domain/index.js';
import type { Project, Recipients, StoredMessage, WorldUser } from '../domain/index.js';
import type { Delivered, Hub, HubStats } from '../hub/hub.js';

/** A user as GET /__mock/users lists it: the world's user, and whether they are online now. */
export interface MockUserInfo extends WorldUser {
  online: boolean;
}

export interface ChatSummary {
  chat_type: 'direct' | 'project';
  chat_id: string | number;
  title: string;
  member_ids: number[];
  message_count: number;
  last_message_id: number | null;
}

/** GET /__mock/state?limit=N&before=ID: the newest N messages with an id below ID, not all. */
export interface MessagesPageQuery {
  limit?: number | undefined;
  before?: number | undefined;
}

export interface MessagesPage {
  limit: number | null;
  before: number | null;
  /** Messages the world holds. */
  total: number;
  /** `before` for the next (older) page; null when this page reaches the oldest. */
  next_before: number | null;
}

export interface MockState {
  users: MockUserInfo[];
  projects: Project[];
  /** Every message the world holds (at most --max-messages), oldest first; one page with ?limit / ?before. */
  messages: StoredMessage[];
  /** Present when the messages are one page (?limit, ?before). */
  messages_page?: MessagesPage;
  chats: ChatSummary[];
  /** Users marked online, ascending. */
  online: number[];
  connections: { id: string; user_id: number; via: string; opened_at: string }[];
  outgoingViolations: number;
  stats: HubStats;
}

export function usersList(hub: Hub): MockUserInfo[] {
  return [...hub.world.users.values()]
    .sort((a, b) => a.id - b.id)
    .map((u) => ({
      id: u.id,
      first_name: u.first_name,
      last_name: u.last_name,
      avatar: u.avatar,
      bot: u.bot,
      token: u.token,
      online: hub.world.online.has(u.id),
    }));
}

function chatSummaries(hub: Hub, messages: StoredMessage[]): ChatSummary[] {
  const { world } = hub;
  const byChat = new Map<string, StoredMessage[]>();
  for (const m of messages) {
    const key = `${m.chat_type}:${m.chat_id}`;
    const list = byChat.get(key);
    if (list) list.push(m);
    else byChat.set(key, [m]);
  }
  const summary = (
    chat_type: 'direct' | 'project',
    chat_id: string | number,
    title: string,
    member_ids: number[],
  ): ChatSummary => {
    const list = byChat.get(`${chat_type}:${chat_id}`) ?? [];
    return {
      chat_type,
      chat_id,
      title,
      member_ids,
      message_count: list.length,
      last_message_id: list.at(-1)?.id ?? null,
    };
  };
  const name = (id: number): string => {
    const user = world.users.get(id);
    return user ? `${user.first_name} ${user.last_name}` : `user ${id}`;
  };
  const direct = [...world.directChats.keys()].map((id) => {
    const members = parseDirectChatId(id) ?? [];
    return summary('direct', id, members.map(name).join(' & '), [...members]);
  });
  const projects = [...world.projects.values()].map((p) => summary('project', p.id, p.title, projectMemberIds(p)));
  return [...direct, ...projects];
}

/** The messages of one page: the newest `limit` below `before`, oldest first. */
function pageOf(all: StoredMessage[], query: MessagesPageQuery): { messages: StoredMessage[]; page: MessagesPage } {
  const { before } = query;
  const end = before === undefined ? -1 : all.findIndex((m) => m.id >= before);
  const stop = end === -1 ? all.length : end;
  const start = query.limit === undefined ? 0 : Math.max(0, stop - query.limit);
  const messages = all.slice(start, stop);
  const page: MessagesPage = {
    limit: query.limit ?? null,
    before: query.before ?? null,
    total: all.length,
    next_before: start > 0 ? (messages[0]?.id ?? null) : null,
  };
  return { messages, page };
}

export function snapshot(hub: Hub, query?: MessagesPageQuery): MockState {
  const data = exportWorld(hub.world);
  const all = data.messages.sort((a, b) => a.id - b.id);
  const { messages, page } = query ? pageOf(all, query) : { messages: all, page: undefined };
  const stats = hub.stats();
  return {
    users: usersList(hub),
    projects: data.projects,
    messages,
    ...(page ? { messages_page: page } : {}),
    chats: chatSummaries(hub, all),
    online: [...hub.world.online].sort((a, b) => a - b),
    connections: hub.connections
      .list()
      .map((c) => ({ id: c.id, user_id: c.userId, via: c.via, opened_at: c.openedAt })),
    outgoingViolations: stats.outgoingViolations,
    stats,
  };
}

/** Who an emitted event goes to: a user id, several, or "all" (every connected user). */
export type EmitTarget = number | number[] | 'all';

export type EmitResult = { ok: true; delivered: Delivered } | { ok: false; problems: Problem[] };

const isUserId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export function parseEmitTarget(value: unknown): EmitTarget | null {
  if (value === undefined || value === 'all') return 'all';
  if (isUserId(value)) return value;
  if (Array.isArray(value) && value.every(isUserId)) return value;
  return null;
}

/** Sends a server event valid in the protocol version spoken; an invalid one is refused with its problems. */
export function emitEvent(hub: Hub, to: EmitTarget, event: unknown): EmitResult {
  const check = hub.dialect.validateServer(event);
  if (!check.ok) return check;
  const recipients: Recipients =
    to === 'all' ? { kind: 'everyone' } : { kind: 'users', userIds: Array.isArray(to) ? to : [to] };
  return { ok: true, delivered: hub.emit(recipients, check.event) };
}
