// Chat lists and history over HTTP, as protocol version 2's backend served them
// (protocols/v2/openapi.yaml): pure answers read from the same world the socket writes, so both
// agree at every moment. No HTTP here: mock-server/http/history-route.ts routes, authenticates,
// validates each answer against the OpenAPI document and sends it.
import { parseDirectChatId } from '../../protocol/index.js';
import { chatMessages, projectMemberIds } from '../domain/index.js';
import type { Project, StoredMessage, World } from '../domain/index.js';
import { fileV2, messageV2, userV2 } from './v2-shapes.js';

/** An answer: the operation of the OpenAPI document it answers, its status and JSON body. */
export interface HistoryAnswer {
  operationId: string;
  status: number;
  body: unknown;
}

/** `limit` / `offset` as read from the query, and how to write the URL of another page. */
export interface PageRequest {
  limit: number;
  offset: number;
  /** The absolute URL of the page at `offset` (null: the first page, without `offset`). */
  urlOf(limit: number, offset: number | null): string;
}

/** Django REST framework's limit/offset pagination, 20 a page by default (chats/pagination.py). */
export const DEFAULT_PAGE_SIZE = 20;

const detail = (operationId: string, status: number, text: string): HistoryAnswer => ({
  operationId,
  status,
  body: { detail: text },
});
const NOT_FOUND = 'Not found.';
const FORBIDDEN = 'You do not have permission to perform this action.';

/** The messages of a chat that are not deleted, newest first (`order_by("-created_at")`). */
function liveMessages(world: World, type: 'direct' | 'project', id: string | number): StoredMessage[] {
  return chatMessages(world, type, id)
    .filter((m) => !m.is_deleted)
    .reverse();
}

const lastMessage = (world: World, type: 'direct' | 'project', id: string | number) => {
  const last = liveMessages(world, type, id)[0];
  return last ? messageV2(world, last) : null;
};

/** The direct chats a user takes part in (a chat exists from its first message). */
function directChatsOf(world: World, userId: number): { id: string; other: number }[] {
  const chats: { id: string; other: number }[] = [];
  for (const id of world.directChats.keys()) {
    const ids = parseDirectChatId(id);
    if (ids?.includes(userId)) chats.push({ id, other: ids[0] === userId ? ids[1] : ids[0] });
  }
  return chats;
}

const newestFirst = (a: { at: string }, b: { at: string }): number => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

function otherUser(world: World, id: number) {
  return userV2(world, world.users.get(id) ?? { id, first_name: 'Unknown', last_name: `user ${id}`, avatar: null });
}

const fullName = (user: { first_name: string; last_name: string }): string =>
  `${user.first_name} ${user.last_name}`.trim();

export function listDirectChats(world: World, userId: number): HistoryAnswer {
  const rows = directChatsOf(world, userId).map(({ id, other }) => {
    const opponent = otherUser(world, other);
    const last = lastMessage(world, 'direct', id);
    const at = last?.created_at ?? world.directChats.get(id)?.created_at ?? '';
    return { at, item: { id, opponent, last_message: last, name: fullName(opponent), image_address: opponent.avatar } };
  });
  return { operationId: 'listDirectChats', status: 200, body: rows.sort(newestFirst).map((r) => r.item) };
}

/** A direct chat the user takes part in, by its exact id; null when there is none. */
function directChatOf(world: World, userId: number, id: string): { id: string; other: number } | null {
  const ids = parseDirectChatId(id);
  if (!ids || !ids.includes(userId) || !world.directChats.has(id)) return null;
  return { id, other: ids[0] === userId ? ids[1] : ids[0] };
}

export function getDirectChat(world: World, userId: number, rawId: string): HistoryAnswer {
  const op = 'getDirectChat';
  if (!rawId.includes('_')) return detail(op, 400, 'processed id must contain underscore');
  const match = /^(\d{1,15})_(\d{1,15})$/.exec(rawId);
  if (!match) return detail(op, 400, 'processed id must contain two integers separated by underscore');
  const [a, b] = [Number(match[1]), Number(match[2])];
  if (a !== userId && b !== userId) return detail(op, 400, 'current user id is not present in raw id');
  if (!world.users.has(a) || !world.users.has(b)) return detail(op, 400, 'One or both users do not exist');
  const id = a < b ? `${a}_${b}` : `${b}_${a}`;
  if (!world.directChats.has(id)) return detail(op, 404, 'Direct chat does not exist');
  const opponent = otherUser(world, a === userId ? b : a);
  return {
    operationId: op,
    status: 200,
    body: { id, opponent, name: fullName(opponent), image_address: opponent.avatar },
  };
}

function page(world: World, operationId: string, messages: StoredMessage[], request: PageRequest): HistoryAnswer {
  const { limit, offset } = request;
  const count = messages.length;
  const next = offset + limit < count ? request.urlOf(limit, offset + limit) : null;
  const previous = offset <= 0 ? null : request.urlOf(limit, offset - limit <= 0 ? null : offset - limit);
  const results = messages.slice(offset, offset + limit).map((m) => messageV2(world, m));
  return { operationId, status: 200, body: { count, next, previous, results } };
}

const filesOf = (messages: StoredMessage[]) => messages.flatMap((m) => (m.files ?? []).map((url) => fileV2(url, m)));

export function listDirectChatMessages(world: World, userId: number, id: string, request: PageRequest): HistoryAnswer {
  const chat = directChatOf(world, userId, id);
  if (!chat) return detail('listDirectChatMessages', 404, NOT_FOUND);
  return page(world, 'listDirectChatMessages', liveMessages(world, 'direct', chat.id), request);
}

export function listDirectChatFiles(world: World, userId: number, id: string): HistoryAnswer {
  const chat = directChatOf(world, userId, id);
  if (!chat) return detail('listDirectChatFiles', 404, NOT_FOUND);
  return { operationId: 'listDirectChatFiles', status: 200, body: filesOf(liveMessages(world, 'direct', chat.id)) };
}

const isMember = (project: Project, userId: number): boolean => projectMemberIds(project).includes(userId);

export function listProjectChats(world: World, userId: number): HistoryAnswer {
  const body = [...world.projects.values()]
    .filter((p) => isMember(p, userId))
    .sort((a, b) => a.id - b.id)
    .map((p) => ({
      id: p.id,
      project: p.id,
      last_message: lastMessage(world, 'project', p.id),
      image_address: null,
      name: p.title,
    }));
  return { operationId: 'listProjectChats', status: 200, body };
}

/** The project chat a member may read: the project, or the refusal (404 no project, 403 not a member). */
function projectChatOf(world: World, userId: number, rawId: string, op: string): Project | HistoryAnswer {
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : NaN;
  const project = world.projects.get(id);
  if (!project) return detail(op, 404, NOT_FOUND);
  if (!isMember(project, userId)) return detail(op, 403, FORBIDDEN);
  return project;
}

const refused = (found: Project | HistoryAnswer): found is HistoryAnswer => 'operationId' in found;

export function getProjectChat(world: World, userId: number, rawId: string): HistoryAnswer {
  const found = projectChatOf(world, userId, rawId, 'getProjectChat');
  if (refused(found)) return found;
  const users = projectMemberIds(found).map((id) => otherUser(world, id));
  return {
    operationId: 'getProjectChat',
    status: 200,
    body: { id: found.id, name: found.title, image_address: null, users },
  };
}

export function listProjectChatMessages(
  world: World,
  userId: number,
  rawId: string,
  request: PageRequest,
): HistoryAnswer {
  const found = projectChatOf(world, userId, rawId, 'listProjectChatMessages');
  if (refused(found)) return found;
  return page(world, 'listProjectChatMessages', liveMessages(world, 'project', found.id), request);
}

export function listProjectChatFiles(world: World, userId: number, rawId: string): HistoryAnswer {
  const found = projectChatOf(world, userId, rawId, 'listProjectChatFiles');
  if (refused(found)) return found;
  return { operationId: 'listProjectChatFiles', status: 200, body: filesOf(liveMessages(world, 'project', found.id)) };
}

/** Anything someone else wrote, not deleted and not read, in one of the user's chats. */
export function getUnreadState(world: World, userId: number): HistoryAnswer {
  const direct = new Set(directChatsOf(world, userId).map((c) => c.id));
  const projects = new Set([...world.projects.values()].filter((p) => isMember(p, userId)).map((p) => p.id));
  let unread = false;
  for (const m of world.messages.values()) {
    if (m.is_read || m.is_deleted || m.author_id === userId) continue;
    const mine = m.chat_type === 'direct' ? direct.has(String(m.chat_id)) : projects.has(Number(m.chat_id));
    if (mine) {
      unread = true;
      break;
    }
  }
  return { operationId: 'getUnreadState', status: 200, body: { has_unreads: unread } };
}
