// The chat events: new_message, user_typing, message_read, delete_message, and edit_message
// (which only protocol version 2 exposes).
import { TYPING_DURATION_MS } from '../../protocol/index.js';
import type { ClientDeleteMessage, ClientMessageRead, ClientUserTyping } from '../../protocol/index.js';
import { type ChatAddress, type Refusal, refusal, refusalText, resolveChat } from './chat-access.js';
import { storeMessage, toWireMessage } from './world.js';
import type { DomainResult, EditMessageEvent, NewMessageEvent, ResolvedChat, StoredMessage, World } from './types.js';

type Address = { chat_type: 'direct'; chat_id: string } | { chat_type: 'project'; chat_id: number };

const addressOf = (chat: ResolvedChat): Address =>
  chat.type === 'direct'
    ? { chat_type: 'direct', chat_id: String(chat.id) }
    : { chat_type: 'project', chat_id: Number(chat.id) };

const toMembers = (chat: ResolvedChat) => ({ kind: 'users' as const, userIds: chat.memberIds });

/**
 * The chat an event addresses and the live message it names, when the user may use the chat.
 * (Content is built with Object.assign below: an object spread costs about a microsecond on Node 20.)
 */
function resolveMessage(
  world: World,
  userId: number,
  event: ClientMessageRead | ClientDeleteMessage | EditMessageEvent,
): { ok: true; chat: ResolvedChat; message: StoredMessage } | Refusal {
  const access = resolveChat(world, userId, event.content as ChatAddress, event.type);
  if (!access.ok) return access;
  const message = messageIn(world, access.chat, event.content.message_id);
  if (!message) return refusal('message_not_found', refusalText.messageNotFound(), event.type);
  return { ok: true, chat: access.chat, message };
}

/** A live (not deleted) message of that chat, or undefined. */
function messageIn(world: World, chat: ResolvedChat, messageId: number): StoredMessage | undefined {
  const message = world.messages.get(messageId);
  if (!message || message.is_deleted || message.chat_type !== chat.type || message.chat_id !== chat.id)
    return undefined;
  return message;
}

export function newMessage(world: World, userId: number, event: NewMessageEvent, now: Date): DomainResult {
  const { content } = event;
  const access = resolveChat(world, userId, content as ChatAddress, event.type);
  if (!access.ok) return access;
  const { chat } = access;
  if (content.reply_to !== null && !messageIn(world, chat, content.reply_to)) {
    return refusal('reply_not_in_chat', refusalText.replyNotInChat(content.reply_to, content.chat_id), event.type);
  }
  const createdAt = now.toISOString();
  const stored: StoredMessage = {
    id: world.nextMessageId++,
    chat_type: chat.type,
    chat_id: chat.id,
    author_id: userId,
    text: content.message.trim(),
    reply_to: content.reply_to,
    created_at: createdAt,
    is_read: false,
    is_deleted: false,
  };
  if (content.file_urls?.length) stored.files = [...content.file_urls];
  storeMessage(world, stored);
  if (chat.type === 'direct' && !world.directChats.has(String(chat.id))) {
    world.directChats.set(String(chat.id), { created_at: createdAt });
  }
  const message = toWireMessage(world, stored);
  return {
    ok: true,
    deliveries: [
      { to: toMembers(chat), event: { type: 'new_message', content: Object.assign(addressOf(chat), { message }) } },
    ],
  };
}

export function userTyping(world: World, userId: number, event: ClientUserTyping, now: Date): DomainResult {
  const access = resolveChat(world, userId, event.content as ChatAddress, event.type);
  if (!access.ok) return access;
  const { chat } = access;
  const endTime = new Date(now.getTime() + TYPING_DURATION_MS).toISOString();
  const userIds = chat.type === 'direct' ? chat.memberIds.filter((id) => id !== userId) : chat.memberIds;
  return {
    ok: true,
    deliveries: [
      {
        to: { kind: 'users', userIds },
        event: { type: 'user_typing', content: Object.assign(addressOf(chat), { user_id: userId, end_time: endTime }) },
      },
    ],
  };
}

export function messageRead(world: World, userId: number, event: ClientMessageRead): DomainResult {
  const found = resolveMessage(world, userId, event);
  if (!found.ok) return found;
  const { chat, message } = found;
  if (chat.type === 'direct' && message.author_id === userId) {
    return refusal('cannot_read_own_message', refusalText.messageNotFound(), event.type);
  }
  if (message.author_id !== userId) message.is_read = true;
  const content = Object.assign(addressOf(chat), { user_id: userId, message_id: message.id });
  return { ok: true, deliveries: [{ to: toMembers(chat), event: { type: 'message_read', content } }] };
}

export function deleteMessage(world: World, userId: number, event: ClientDeleteMessage): DomainResult {
  const found = resolveMessage(world, userId, event);
  if (!found.ok) return found;
  const { chat, message } = found;
  if (message.author_id !== userId) {
    return refusal('not_message_author', refusalText.notAuthor(userId, message.id), event.type);
  }
  message.is_deleted = true;
  const content = Object.assign(addressOf(chat), { message_id: message.id });
  return { ok: true, deliveries: [{ to: toMembers(chat), event: { type: 'delete_message', content } }] };
}

/** Only its author may edit a message; both participants / every member receive it, edited. */
export function editMessage(world: World, userId: number, event: EditMessageEvent): DomainResult {
  const found = resolveMessage(world, userId, event);
  if (!found.ok) return found;
  const { chat, message } = found;
  if (message.author_id !== userId) {
    return refusal('not_message_author', refusalText.notAuthor(userId, message.id), event.type);
  }
  message.text = event.content.text.trim();
  message.is_edited = true;
  const content = Object.assign(addressOf(chat), { message: toWireMessage(world, message) });
  return { ok: true, deliveries: [{ to: toMembers(chat), event: { type: 'edit_message', content } }] };
}
