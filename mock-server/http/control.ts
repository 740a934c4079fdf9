// The operations behind the control API (and the programmatic API): users, a snapshot of the
// state, emitting a server event.
import { parseDirectChatId, validateServerEvent } from '../../protocol/index.js';
import type { Problem, ServerEvent } from '../../protocol/index.js';
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

export interface MockState {
  users: MockUserInfo[];
  projects: Project[];
  messages: StoredMessage[];
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

export function snapshot(hub: Hub): MockState {
  const data = exportWorld(hub.world);
  const messages = data.messages.sort((a, b) => a.id - b.id);
  const stats = hub.stats();
  return {
    users: usersList(hub),
    projects: data.projects,
    messages,
    chats: chatSummaries(hub, messages),
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

/** Sends a spec-valid server event; an invalid one is refused with its problems. */
export function emitEvent(hub: Hub, to: EmitTarget, event: unknown): EmitResult {
  const check = validateServerEvent(event);
  if (!check.ok) return check;
  const recipients: Recipients =
    to === 'all' ? { kind: 'everyone' } : { kind: 'users', userIds: Array.isArray(to) ? to : [to] };
  return { ok: true, delivered: hub.emit(recipients, check.event as ServerEvent) };
}
