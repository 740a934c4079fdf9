// Protocol version 2 (protocols/v2/asyncapi.yaml), the later dialect: the frames the checker sends
// (`text` and `file_urls`, project chat ids as numeric strings), version 2's server schemas, and
// where each field is — the same places as version 1 but for the server's new_message, which has
// no chat_type and carries reply_to as the message answered.
import { isPlainObject } from '../../protocol/index.js';
import { CHAT_PATH, validateServerEvent } from '../../protocol/v2/index.js';
import type { ChatRef, FieldExpectation, ProtocolProfile, SentMessage } from './types.js';
import { PROTOCOL_V1, errorForm, expectField, fields, messageFields } from './v1.js';
import { equalTo, replyToMessage } from './values.js';

/** A chat as a version 2 client writes it: a project's id as a numeric string. */
const content = (chat: ChatRef): Record<string, unknown> => ({
  chat_type: chat.chatType,
  chat_id: chat.chatType === 'project' ? String(chat.chatId) : chat.chatId,
});

/** The chat of a frame the checker sent, with a project's id read back as the number the server answers with. */
function sentMessage(frame: unknown): SentMessage | null {
  if (!isPlainObject(frame) || frame.type !== 'new_message' || !isPlainObject(frame.content)) return null;
  const { chat_type, chat_id, text } = frame.content;
  if ((chat_type !== 'direct' && chat_type !== 'project') || typeof text !== 'string') return null;
  if (typeof chat_id !== 'string' && typeof chat_id !== 'number') return null;
  const chatId = chat_type === 'project' && /^\d+$/.test(String(chat_id)) ? Number(chat_id) : chat_id;
  return { chat: { chatType: chat_type, chatId }, text: text.trim() };
}

export const PROTOCOL_V2: ProtocolProfile = {
  ...PROTOCOL_V1,
  version: 2,
  paths: [CHAT_PATH, '/ws/chats/'],
  validate: (data) => {
    const result = validateServerEvent(data);
    return { problems: result.ok ? [] : result.problems };
  },
  build: {
    newMessage: (chat, text, reply) =>
      reply === undefined
        ? { type: 'new_message', content: { ...content(chat), text, file_urls: [] } }
        : { type: 'new_message', content: { ...content(chat), text, reply_to: reply, file_urls: [] } },
    userTyping: (chat) => ({ type: 'user_typing', content: content(chat) }),
    messageRead: (chat, id) => ({ type: 'message_read', content: { ...content(chat), message_id: id } }),
    deleteMessage: (chat, id) => ({ type: 'delete_message', content: { ...content(chat), message_id: id } }),
    presence: (type) => ({ type, content: {} }),
    unknownType: (type) => ({ type, content: {} }),
  },
  sentMessage,
  errorForm,
  expect: {
    ...PROTOCOL_V1.expect,
    // The server's new_message is {chat_id, message}: no chat_type, reply_to the message answered.
    newMessage: (chat, m): FieldExpectation[] => [
      expectField(fields.chatId, equalTo(chat.chatId)),
      ...messageFields(m, replyToMessage(m.replyTo)),
    ],
  },
};
