// Who may act in which chat: the reference backend's membership rules and refusal texts.
import { chatIdOrderMessage, errorEvent, parseDirectChatId } from '../../protocol/index.js';
import type { ErrorCode, ServerError } from '../../protocol/index.js';
import { projectMemberIds } from './world.js';
import type { ResolvedChat, World } from './types.js';

export type ChatAddress = { chat_type: 'direct'; chat_id: string } | { chat_type: 'project'; chat_id: number };

export type Refusal = { ok: false; error: ServerError };
export type Access = { ok: true; chat: ResolvedChat } | Refusal;

/** A refused event: the error event its sender gets. */
export const refusal = (code: ErrorCode, message: string, eventType: string): Refusal => ({
  ok: false,
  error: errorEvent(code, message, { eventType }),
});

export const refusalText = {
  notDirectMember: (userId: number, chatId: string) => `User ${userId} is not a member of chat ${chatId}`,
  notProjectMember: (userId: number, chatId: number) => `User ${userId} is not in project chat ${chatId}`,
  userNotFound: (userId: number | string) => `User ${userId} does not exist`,
  projectNotFound: (projectId: number | string) => `Project ${projectId} does not exist`,
  messageNotFound: () => "Some of chat/message ids are wrong, you can't access this message",
  replyNotInChat: (replyTo: number, chatId: string | number) => `Message ${replyTo} is not in chat ${chatId}`,
  notAuthor: (userId: number, messageId: number) => `User ${userId} is not author of message ${messageId}`,
} as const;

/**
 * The chat an event addresses, when the acting user may use it. Membership is checked first:
 * a stranger learns nothing about the chat, not even whether the other user exists.
 */
/** The `index`th user id of a direct chat id, as written. */
const digitsOf = (chatId: string, index: 0 | 1): string => chatId.split('_')[index] ?? '';

export function resolveChat(world: World, userId: number, address: ChatAddress, eventType: string): Access {
  const refuse = (code: ErrorCode, message: string): Refusal => refusal(code, message, eventType);
  if (address.chat_type === 'direct') {
    const ids = parseDirectChatId(address.chat_id);
    if (!ids) {
      // The validators refuse these before the domain sees them; kept for direct callers.
      return refuse('invalid_event', chatIdOrderMessage(address.chat_id));
    }
    if (!ids.includes(userId)) return refuse('not_chat_member', refusalText.notDirectMember(userId, address.chat_id));
    const other = ids[0] === userId ? 1 : 0;
    // Named by its digits: an id beyond 2^53 is no user, and as a number it would be rounded.
    if (!world.users.has(ids[other]))
      return refuse('user_not_found', refusalText.userNotFound(digitsOf(address.chat_id, other)));
    return { ok: true, chat: { type: 'direct', id: address.chat_id, memberIds: ids } };
  }
  const project = world.projects.get(address.chat_id);
  if (!project) return refuse('chat_not_found', refusalText.projectNotFound(address.chat_id));
  const memberIds = projectMemberIds(project);
  if (!memberIds.includes(userId))
    return refuse('not_chat_member', refusalText.notProjectMember(userId, address.chat_id));
  return { ok: true, chat: { type: 'project', id: address.chat_id, memberIds } };
}
