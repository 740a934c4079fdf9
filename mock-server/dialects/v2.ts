// Protocol version 2 (protocols/v2/asyncapi.yaml), the later dialect, translated to and from the
// domain: a client's `text` and `file_urls` become the domain's message text and files, its
// project chat ids ("7") the domain's integers, `edit_message` the domain's edit; the server's
// `new_message` and `edit_message` become `{chat_id, message}` with the message as the backend
// serialised it (v2-shapes.ts). Every other server event is the same in both versions.
import { errorEvent } from '../../protocol/index.js';
import {
  CHAT_PATH,
  parseClientFrame,
  validateClientEvent,
  validateServerEvent,
  type ClientEvent as ClientEventV2,
  type ServerEditMessage,
  type ServerNewMessage,
} from '../../protocol/v2/index.js';
import type { ServerNewMessage as ServerNewMessageV1 } from '../../protocol/index.js';
import type { DomainEvent, DomainServerEvent, World } from '../domain/index.js';
import { refusalText } from '../domain/index.js';
import { V2_FILES } from '../paths.js';
import type { Decoded, Dialect, WireServerEvent } from './types.js';
import { messageV2 } from './v2-shapes.js';

type Address = { chat_type: 'direct'; chat_id: string } | { chat_type: 'project'; chat_id: number };
type AddressV2 = { chat_type: 'direct'; chat_id: string } | { chat_type: 'project'; chat_id: string };

/** A version 2 chat address in the domain's terms, or null for a project id beyond exact numbers. */
function addressOf(content: AddressV2): Address | null {
  if (content.chat_type === 'direct') return { chat_type: 'direct', chat_id: content.chat_id };
  const id = Number(content.chat_id);
  return Number.isSafeInteger(id) ? { chat_type: 'project', chat_id: id } : null;
}

/** A domain address as a version 2 client writes it. */
const addressV2 = (content: Address): AddressV2 =>
  content.chat_type === 'direct'
    ? { chat_type: 'direct', chat_id: content.chat_id }
    : { chat_type: 'project', chat_id: String(content.chat_id) };

/** The domain event a valid version 2 frame asks for. */
function toDomain(event: ClientEventV2): DomainEvent | { chatId: string; type: string } {
  if (event.type === 'set_online' || event.type === 'set_offline') return event;
  const address = addressOf(event.content);
  if (!address) return { chatId: event.content.chat_id, type: event.type };
  switch (event.type) {
    case 'new_message': {
      const { text, reply_to, file_urls } = event.content;
      return { type: 'new_message', content: { ...address, message: text, reply_to, file_urls } };
    }
    case 'edit_message': {
      const { message_id, text } = event.content;
      return { type: 'edit_message', content: { ...address, message_id, text } };
    }
    case 'user_typing':
      return { type: 'user_typing', content: address };
    case 'message_read':
      return { type: 'message_read', content: { ...address, message_id: event.content.message_id } };
    case 'delete_message':
      return { type: 'delete_message', content: { ...address, message_id: event.content.message_id } };
  }
}

function decode(text: string): Decoded {
  const parsed = parseClientFrame(text);
  if (!parsed.ok) return parsed;
  const event = toDomain(parsed.event);
  if ('chatId' in event) {
    return {
      ok: false,
      error: errorEvent('chat_not_found', refusalText.projectNotFound(event.chatId), { eventType: event.type }),
    };
  }
  return { ok: true, event, frame: parsed.event };
}

/** A message event of the domain as version 2 writes it: `{chat_id, message}`, the message in full. */
function messageEvent(
  type: 'new_message' | 'edit_message',
  content: ServerNewMessageV1['content'],
  world: World,
): ServerNewMessage | ServerEditMessage {
  const stored = world.messages.get(content.message.id);
  const message = stored
    ? messageV2(world, stored)
    : // Evicted at once (a store of very few messages): what the event itself says.
      {
        ...content.message,
        author: { ...content.message.author, email: '', is_online: world.online.has(content.message.author.id) },
        reply_to: null,
        is_edited: type === 'edit_message',
        files: [],
      };
  if (type === 'edit_message')
    return { type, content: { chat_id: content.chat_id, message: { ...message, is_edited: true } } };
  return { type, content: { chat_id: content.chat_id, message } };
}

function encode(event: DomainServerEvent, world: World): WireServerEvent {
  if (event.type === 'new_message' || event.type === 'edit_message')
    return messageEvent(event.type, event.content, world);
  // user_typing, message_read, delete_message, presence and error: the same in both versions.
  return event;
}

function clientFrame(event: DomainEvent): ClientEventV2 {
  switch (event.type) {
    case 'set_online':
    case 'set_offline':
      return event;
    case 'new_message': {
      const { message, reply_to, file_urls } = event.content;
      return {
        type: 'new_message',
        content: { ...addressV2(event.content), text: message, reply_to, file_urls: [...(file_urls ?? [])] },
      };
    }
    case 'edit_message':
      return {
        type: 'edit_message',
        content: { ...addressV2(event.content), message_id: event.content.message_id, text: event.content.text },
      };
    case 'user_typing':
      return { type: 'user_typing', content: addressV2(event.content) };
    case 'message_read':
    case 'delete_message':
      return { type: event.type, content: { ...addressV2(event.content), message_id: event.content.message_id } };
  }
}

export const DIALECT_V2: Dialect = {
  version: 2,
  decode,
  encode,
  clientFrame,
  validateServer: validateServerEvent,
  validateClient: validateClientEvent,
  path: CHAT_PATH,
  spec: { yaml: V2_FILES.asyncapiYaml, json: V2_FILES.asyncapiJson },
};
