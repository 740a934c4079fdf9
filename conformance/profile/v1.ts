// Protocol version 1 (asyncapi.yaml, schemas/): the frames the checker sends, the server schemas,
// and where each field is — with the places and names real servers of this protocol used instead.
import { CHATS_PATH, isPlainObject, validateServerEvent } from '../../protocol/index.js';
import { isId, type FieldSpec } from './locate.js';
import type { ChatRef, ErrorForm, FieldExpectation, ProtocolProfile, SentMessage } from './types.js';
import {
  authorObject,
  equalTo,
  positiveId,
  recentTime,
  replyTo,
  strippedText,
  typingEnd,
  type ValueJudge,
} from './values.js';

/** Keys above or at a place that holds some other id than a message's. */
const NOT_A_MESSAGE_ID = /user|author|sender|chat|project|reply|file|attach|time|_at$/i;

export const field = (label: string, pointer: string, keys: RegExp, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  label,
  pointer,
  keys,
  ...extra,
});

const message = {
  id: field('the message id', '/content/message/id', /^(id|pk|message_?id|msg_?id)$/i, {
    avoid: NOT_A_MESSAGE_ID,
    accepts: isId,
  }),
  text: field('the text', '/content/message/text', /^(text|message|body|msg)$/i, {
    accepts: (v) => typeof v === 'string',
  }),
  author: field('the author', '/content/message/author', /^(author|sender|user|from)(_?id)?$/i, {
    avoid: /reply/i,
    accepts: (v) => isId(v) || (isPlainObject(v) && isId(v.id)),
  }),
  replyTo: field('reply_to', '/content/message/reply_to', /^(reply_?to|parent)(_?id)?$/i),
  createdAt: field('created_at', '/content/message/created_at', /^(created(_?at)?|timestamp|sent_?at|date|time)$/i, {
    avoid: /reply/i,
  }),
  isRead: field('is_read', '/content/message/is_read', /^is_?read$/i, { avoid: /reply/i }),
  isDeleted: field('is_deleted', '/content/message/is_deleted', /^is_?deleted$/i, { avoid: /reply/i }),
};

export const fields = {
  chatType: field('chat_type', '/content/chat_type', /^chat_?type$/i, { avoid: /reply/i }),
  chatId: field('chat_id', '/content/chat_id', /^chat_?id$/i, { avoid: /reply/i }),
  messageId: message.id,
  author: message.author,
  targetMessageId: field('message_id', '/content/message_id', /^(message_?id|msg_?id|id)$/i, {
    avoid: /user|author|sender|chat|project/i,
    accepts: isId,
  }),
  userId: field('user_id', '/content/user_id', /^user_?id$/i, { accepts: isId }),
  endTime: field('end_time', '/content/end_time', /^(end_?time|until|expires?(_?at)?)$/i),
  errorCode: field('the error code', '/content/code', /^(code|error_?code)$/i),
  errorEventType: field('event_type', '/content/event_type', /^event_?type$/i),
  errorProblems: field('problems', '/content/problems', /^problems$/i),
};

export const expectField = (
  spec: FieldSpec,
  judge: ValueJudge,
  prefer?: (value: unknown) => boolean,
): FieldExpectation => (prefer ? { field: spec, judge, prefer } : { field: spec, judge });

/** The fields of the message a new_message carries; `reply` judges its reply_to. */
export const messageFields = (
  m: { authorId: number; text: string; knownIds: ReadonlySet<number> },
  reply: ValueJudge,
): FieldExpectation[] => [
  expectField({ ...message.id, accepts: (v) => isId(v) && !m.knownIds.has(v) }, positiveId),
  expectField(message.text, strippedText(m.text), (v) => typeof v === 'string' && v.includes(m.text)),
  expectField(
    message.author,
    authorObject(m.authorId),
    (v) => v === m.authorId || (isPlainObject(v) && v.id === m.authorId),
  ),
  expectField(message.replyTo, reply),
  expectField(message.createdAt, recentTime),
  expectField(message.isRead, equalTo(false)),
  expectField(message.isDeleted, equalTo(false)),
];

const chatFields = (chat: ChatRef): FieldExpectation[] => [
  expectField(fields.chatType, equalTo(chat.chatType)),
  expectField(fields.chatId, equalTo(chat.chatId)),
];

const content = (chat: ChatRef): Record<string, unknown> => ({ chat_type: chat.chatType, chat_id: chat.chatId });

function sentMessage(frame: unknown): SentMessage | null {
  if (!isPlainObject(frame) || frame.type !== 'new_message' || !isPlainObject(frame.content)) return null;
  const { chat_type, chat_id, message: text } = frame.content;
  if ((chat_type !== 'direct' && chat_type !== 'project') || typeof text !== 'string') return null;
  if (typeof chat_id !== 'string' && typeof chat_id !== 'number') return null;
  return { chat: { chatType: chat_type, chatId: chat_id }, text: text.trim() };
}

export function errorForm(data: unknown): ErrorForm {
  if (!isPlainObject(data)) return null;
  if (data.type === 'error') return 'spec';
  return data.type === undefined && typeof data.error === 'string' ? 'reference' : null;
}

export const PROTOCOL_V1: ProtocolProfile = {
  version: 1,
  paths: [CHATS_PATH, '/ws/chat/'],
  validate: (data) => {
    const result = validateServerEvent(data);
    return { problems: result.ok ? [] : result.problems };
  },
  build: {
    newMessage: (chat, text, reply) =>
      reply === undefined
        ? { type: 'new_message', content: { ...content(chat), message: text } }
        : { type: 'new_message', content: { ...content(chat), message: text, reply_to: reply } },
    userTyping: (chat) => ({ type: 'user_typing', content: content(chat) }),
    messageRead: (chat, id) => ({ type: 'message_read', content: { ...content(chat), message_id: id } }),
    deleteMessage: (chat, id) => ({ type: 'delete_message', content: { ...content(chat), message_id: id } }),
    presence: (type) => ({ type, content: {} }),
    unknownType: (type) => ({ type, content: {} }),
  },
  sentMessage,
  fields,
  errorForm,
  errorShape: '{"type":"error","error":…,"content":{"code":…,"message":…,"event_type":…,"problems":[…]}}',
  expect: {
    newMessage: (chat, m) => [...chatFields(chat), ...messageFields(m, replyTo(m.replyTo))],
    userTyping: (chat, userId) => [
      ...chatFields(chat),
      expectField(fields.userId, equalTo(userId), (v) => v === userId),
      expectField(fields.endTime, typingEnd),
    ],
    messageRead: (chat, userId, messageId) => [
      ...chatFields(chat),
      expectField(fields.userId, equalTo(userId), (v) => v === userId),
      expectField(fields.targetMessageId, equalTo(messageId), (v) => v === messageId),
    ],
    deleteMessage: (chat, messageId) => [
      ...chatFields(chat),
      expectField(fields.targetMessageId, equalTo(messageId), (v) => v === messageId),
    ],
    presence: (userId) => [expectField(fields.userId, equalTo(userId), (v) => v === userId)],
  },
};
