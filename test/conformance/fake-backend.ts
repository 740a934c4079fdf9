// A tiny, correct in-memory backend of the chats protocol, for testing the conformance checker —
// and, with one defect switched on, a deliberately broken one. Listens on 127.0.0.1, port 0.
import type http from 'node:http';
import { WebSocket } from 'ws';
import {
  errorEvent,
  isPlainObject,
  parseClientFrame,
  parseDirectChatId,
  TYPING_DURATION_MS,
  type ClientEvent,
  type ErrorCode,
  type ServerEvent,
} from '../../protocol/index.js';
import { startUpgradeServer } from './upgrade-server.js';

/** What a broken server gets wrong; each is found by a named conformance check. */
export const DEFECTS = {
  'refuse-header-token': 'does not read the Authorization header',
  'refuse-query-token': 'does not read ?token=',
  'no-subprotocol-selected': 'accepts ["Bearer", token] but selects no subprotocol',
  'accept-missing-token': 'accepts a handshake without a token',
  'accept-bad-token': 'accepts any token sent as ?token=',
  'refuse-with-401': 'refuses a missing token with 401 instead of 403',
  'presence-to-newcomer': 'sends the newcomer set_online of every user already online',
  'forget-second-participant': 'sends a direct new_message to the sender only',
  'omit-is-deleted': 'omits message.is_deleted from direct new_message',
  'untrimmed-text': 'stores the text without trimming it',
  'wrong-reply-to': 'sends reply_to null in replies',
  'typing-to-sender': 'sends direct user_typing to the typist too',
  'typing-without-end-time': 'omits end_time from direct user_typing',
  'typing-end-time-past': 'sends an end_time 5 s in the past',
  'read-twice-to-reader': 'sends the reader its direct message_read twice',
  'slow-direct-read': 'delivers direct message_read after the timeout',
  'read-own-message': 'lets a user mark its own direct message read',
  'delete-others-message': "lets a user delete the other user's message in a direct chat",
  'accept-reversed-chat-id': 'accepts a direct chat id with the larger id first',
  'wrong-not-found-code': 'answers an unknown message id with internal_error',
  'close-on-invalid-json': 'closes the connection on invalid JSON, as the reference backend did',
  'drop-unknown-type': 'ignores unknown event types instead of answering',
  'accept-missing-reply-to': 'accepts a new_message without reply_to',
  'project-chat-id-string': 'sends the project chat id as a string',
  'project-forget-sender': 'does not send a project new_message to its sender',
  'typing-event-name': 'sends project typing as type "typing"',
  'unknown-frame-on-delete': 'sends an extra {"type": "message_deleted"} frame on project delete',
  'keep-messages': 'refuses every delete_message with message_not_found: nothing can be deleted',
  'rate-limit-reads': 'answers every message_read with rate_limited, without event_type (as a rate limit may)',
  'offline-on-any-close': 'sends set_offline when any connection closes',
  'no-offline-on-close': 'sends no set_offline when the last connection closes',
} as const;
export type Defect = keyof typeof DEFECTS;

export interface FakeUser {
  readonly id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly avatar: string | null;
  readonly token: string;
}

export interface FakeBackend {
  /** `ws://127.0.0.1:PORT/ws/chats/` */
  readonly url: string;
  readonly users: readonly FakeUser[];
  /** A project users 12, 23 and 31 are members of (project 8: 23 and 31; user 40: none). */
  readonly projectId: number;
  close(): Promise<void>;
}

export interface FakeBackendOptions {
  defects?: readonly Defect[];
  /** For `slow-direct-read`: how late (ms). */
  delayMs?: number;
  /**
   * Not a defect: right before each project delivery, user 31 (another member) is heard typing
   * and writing in the same chat — traffic a checker must not take for its own.
   */
  interleaveOtherMember?: boolean;
  /**
   * Not a defect of the shape the spec forbids, but more than it says: messages carry the fields a
   * later version of the reference backend added (`files`, `is_edited`, the author's `email` and
   * `is_online`). A lenient run warns; a strict one fails.
   */
  laterFields?: boolean;
}

const USERS: readonly FakeUser[] = [
  { id: 12, first_name: 'Анна', last_name: 'Смирнова', avatar: null, token: 'token-12' },
  { id: 23, first_name: 'James', last_name: 'Carter', avatar: 'https://i.pravatar.cc/150?u=23', token: 'token-23' },
  { id: 31, first_name: 'Olga', last_name: 'Petrova', avatar: null, token: 'token-31' },
  // In no project and no chat of 12 and 23: the outsider.
  { id: 40, first_name: 'Ivan', last_name: 'Kuznetsov', avatar: null, token: 'token-40' },
];
const PROJECTS = new Map<number, readonly number[]>([
  [7, [12, 23, 31]],
  [8, [23, 31]],
]);

interface StoredMessage {
  id: number;
  chatKey: string;
  authorId: number;
  text: string;
  replyTo: number | null;
  createdAt: string;
  isRead: boolean;
  isDeleted: boolean;
}

type Refusal = { code: ErrorCode; message: string };
type ChatAccess = {
  chatKey: string;
  members: readonly number[];
  chat_type: 'direct' | 'project';
  chat_id: string | number;
};

export async function startFakeBackend(options: FakeBackendOptions = {}): Promise<FakeBackend> {
  const defects = new Set<Defect>(options.defects ?? []);
  const has = (defect: Defect): boolean => defects.has(defect);
  const connections = new Map<number, Set<WebSocket>>();
  const messages = new Map<number, StoredMessage>();
  let nextMessageId = 100;

  const send = (ws: WebSocket, event: unknown): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
  };
  const toUsers = (userIds: Iterable<number>, event: unknown, except?: WebSocket): void => {
    for (const id of userIds) for (const ws of connections.get(id) ?? []) if (ws !== except) send(ws, event);
  };
  const everyone = (): number[] => [...connections.keys()];
  const userById = (id: number): FakeUser | undefined => USERS.find((u) => u.id === id);

  function access(userId: number, chatType: 'direct' | 'project', chatId: string | number): ChatAccess | Refusal {
    if (chatType === 'direct') {
      const pair = parseDirectChatId(String(chatId));
      if (!pair) return { code: 'invalid_event', message: `Bad chat id ${String(chatId)}` };
      if (!pair.includes(userId))
        return { code: 'not_chat_member', message: `User ${userId} is not a member of chat ${String(chatId)}` };
      const other = pair[0] === userId ? pair[1] : pair[0];
      if (!userById(other)) return { code: 'user_not_found', message: `User ${other} does not exist` };
      return {
        chatKey: `direct:${pair[0]}_${pair[1]}`,
        members: pair,
        chat_type: 'direct',
        chat_id: `${pair[0]}_${pair[1]}`,
      };
    }
    const members = PROJECTS.get(Number(chatId));
    if (!members) return { code: 'chat_not_found', message: `No project ${String(chatId)}` };
    if (!members.includes(userId))
      return { code: 'not_chat_member', message: `User ${userId} is not in project chat ${String(chatId)}` };
    const id = has('project-chat-id-string') ? String(chatId) : Number(chatId);
    return { chatKey: `project:${String(chatId)}`, members, chat_type: 'project', chat_id: id };
  }

  function messageView(m: StoredMessage): Record<string, unknown> {
    const author = userById(m.authorId);
    const view: Record<string, unknown> = {
      id: m.id,
      author: {
        id: m.authorId,
        first_name: author?.first_name ?? '',
        last_name: author?.last_name ?? '',
        avatar: author?.avatar ?? null,
      },
      text: m.text,
      reply_to: m.replyTo,
      created_at: m.createdAt,
      is_read: m.isRead,
      is_deleted: m.isDeleted,
    };
    if (has('omit-is-deleted') && m.chatKey.startsWith('direct:')) delete view.is_deleted;
    if (options.laterFields) {
      Object.assign(view, { files: [], is_edited: false });
      Object.assign(view.author as object, { email: `user${m.authorId}@example.com`, is_online: true });
    }
    return view;
  }

  function interleave(chat: ChatAccess, head: Record<string, unknown>): void {
    const other = userById(31);
    if (!other) return;
    const noise: StoredMessage = {
      id: nextMessageId++,
      chatKey: chat.chatKey,
      authorId: other.id,
      text: 'meanwhile',
      replyTo: null,
      createdAt: new Date().toISOString(),
      isRead: false,
      isDeleted: false,
    };
    messages.set(noise.id, noise);
    const endTime = new Date(Date.now() + TYPING_DURATION_MS).toISOString();
    toUsers(chat.members, { type: 'user_typing', content: { ...head, user_id: other.id, end_time: endTime } });
    toUsers(chat.members, { type: 'new_message', content: { ...head, message: messageView(noise) } });
    toUsers(chat.members, { type: 'message_read', content: { ...head, user_id: other.id, message_id: noise.id } });
    toUsers(chat.members, { type: 'delete_message', content: { ...head, message_id: noise.id } });
  }

  /** Applies one valid event; returns a refusal, or undefined when it was delivered. */
  function apply(ws: WebSocket, userId: number, event: ClientEvent): Refusal | undefined {
    if (event.type === 'set_online' || event.type === 'set_offline') {
      toUsers(everyone(), { type: event.type, content: { user_id: userId } });
      return undefined;
    }
    const { chat_type, chat_id } = event.content;
    const chat = access(userId, chat_type, chat_id);
    if ('code' in chat) return chat;
    const head = { chat_type: chat.chat_type, chat_id: chat.chat_id };
    const direct = chat.chat_type === 'direct';
    if (!direct && options.interleaveOtherMember && userId !== 31) interleave(chat, head);

    switch (event.type) {
      case 'new_message': {
        const replyTo = event.content.reply_to;
        if (replyTo !== null && messages.get(replyTo)?.chatKey !== chat.chatKey) {
          return { code: 'reply_not_in_chat', message: `Message ${replyTo} is not in chat ${String(chat_id)}` };
        }
        const stored: StoredMessage = {
          id: nextMessageId++,
          chatKey: chat.chatKey,
          authorId: userId,
          text: has('untrimmed-text') ? event.content.message : event.content.message.trim(),
          replyTo: has('wrong-reply-to') ? null : replyTo,
          createdAt: new Date().toISOString(),
          isRead: false,
          isDeleted: false,
        };
        messages.set(stored.id, stored);
        const frame = { type: 'new_message', content: { ...head, message: messageView(stored) } };
        if (direct && has('forget-second-participant')) toUsers([userId], frame);
        else if (!direct && has('project-forget-sender'))
          toUsers(
            chat.members.filter((m) => m !== userId),
            frame,
          );
        else toUsers(chat.members, frame);
        return undefined;
      }
      case 'user_typing': {
        const offset = has('typing-end-time-past') ? -TYPING_DURATION_MS : TYPING_DURATION_MS;
        const content: Record<string, unknown> = {
          ...head,
          user_id: userId,
          end_time: new Date(Date.now() + offset).toISOString(),
        };
        if (direct && has('typing-without-end-time')) delete content.end_time;
        const type = !direct && has('typing-event-name') ? 'typing' : 'user_typing';
        const to = direct && !has('typing-to-sender') ? chat.members.filter((m) => m !== userId) : chat.members;
        toUsers(to, { type, content });
        return undefined;
      }
      case 'message_read':
      case 'delete_message': {
        if (event.type === 'message_read' && has('rate-limit-reads')) {
          const limited = errorEvent('rate_limited', 'Too many frames: at most 1 message_read per minute');
          send(ws, { ...limited, content: { ...limited.content, event_type: undefined } });
          return undefined;
        }
        const message = messages.get(event.content.message_id);
        const kept = event.type === 'delete_message' && has('keep-messages');
        if (!message || message.chatKey !== chat.chatKey || message.isDeleted || kept) {
          return has('wrong-not-found-code')
            ? { code: 'internal_error', message: 'Something went wrong' }
            : {
                code: 'message_not_found',
                message: `Some of chat/message ids are wrong, you can't access this message`,
              };
        }
        if (event.type === 'message_read') {
          if (direct && message.authorId === userId && !has('read-own-message')) {
            return {
              code: 'cannot_read_own_message',
              message: `Some of chat/message ids are wrong, you can't access this message`,
            };
          }
          message.isRead = true;
          const frame = { type: 'message_read', content: { ...head, user_id: userId, message_id: message.id } };
          if (direct && has('slow-direct-read'))
            setTimeout(() => toUsers(chat.members, frame), options.delayMs ?? 3000);
          else toUsers(chat.members, frame);
          if (direct && has('read-twice-to-reader')) send(ws, frame);
          return undefined;
        }
        if (message.authorId !== userId && !(direct && has('delete-others-message'))) {
          return { code: 'not_message_author', message: `User ${userId} is not author of message ${message.id}` };
        }
        message.isDeleted = true;
        toUsers(chat.members, { type: 'delete_message', content: { ...head, message_id: message.id } });
        if (!direct && has('unknown-frame-on-delete'))
          toUsers(chat.members, { type: 'message_deleted', content: { id: message.id } });
        return undefined;
      }
    }
  }

  /** The defects that change what the server accepts act on the JSON before validation. */
  function loosen(text: string): string {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return text;
    }
    if (!isPlainObject(data) || !isPlainObject(data.content)) return text;
    const content = data.content;
    if (has('accept-reversed-chat-id') && content.chat_type === 'direct' && typeof content.chat_id === 'string') {
      const [x, y] = content.chat_id.split('_').map(Number);
      if (x !== undefined && y !== undefined && x > y) content.chat_id = `${y}_${x}`;
    }
    if (has('accept-missing-reply-to') && data.type === 'new_message' && !('reply_to' in content))
      content.reply_to = null;
    return JSON.stringify(data);
  }

  function onMessage(ws: WebSocket, userId: number, text: string): void {
    const parsed = parseClientFrame(loosen(text));
    if (!parsed.ok) {
      if (parsed.error.content.code === 'invalid_json' && has('close-on-invalid-json'))
        return ws.close(1007, 'invalid JSON');
      if (parsed.error.content.code === 'unknown_event_type' && has('drop-unknown-type')) return;
      return send(ws, parsed.error);
    }
    const refusal = apply(ws, userId, parsed.event);
    if (refusal) send(ws, errorEvent(refusal.code, refusal.message, { eventType: parsed.event.type }));
  }

  function onConnection(ws: WebSocket, user: FakeUser): void {
    const own = connections.get(user.id) ?? new Set<WebSocket>();
    const first = own.size === 0;
    if (first)
      toUsers(
        everyone().filter((id) => id !== user.id),
        { type: 'set_online', content: { user_id: user.id } } satisfies ServerEvent,
      );
    if (has('presence-to-newcomer'))
      for (const id of everyone()) if (id !== user.id) send(ws, { type: 'set_online', content: { user_id: id } });
    own.add(ws);
    connections.set(user.id, own);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send(ws, errorEvent('unsupported_data', 'Binary frames are not supported'));
      onMessage(
        ws,
        user.id,
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
      );
    });
    ws.on('close', () => {
      own.delete(ws);
      if (own.size === 0) connections.delete(user.id);
      const last = own.size === 0;
      if ((last && !has('no-offline-on-close')) || has('offline-on-any-close')) {
        toUsers(everyone(), { type: 'set_offline', content: { user_id: user.id } });
      }
    });
  }

  function tokenOf(req: http.IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ') && !has('refuse-header-token')) return header.slice('Bearer '.length);
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    if (query && !has('refuse-query-token'))
      return has('accept-bad-token') && !userByToken(query) ? USERS[0]?.token : query;
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (protocols[0] === 'Bearer' && protocols[1]) return protocols[1];
    return has('accept-missing-token') ? USERS[0]?.token : undefined;
  }
  const userByToken = (token: string): FakeUser | undefined => USERS.find((u) => u.token === token);

  const server = await startUpgradeServer(
    ({ req, url, refuse, accept }) => {
      if (url.pathname !== '/ws/chats/' && url.pathname !== '/ws/chat/') return refuse(404, 'Not Found');
      const token = tokenOf(req);
      const user = token === undefined ? undefined : userByToken(token);
      if (!user)
        return token === undefined && has('refuse-with-401') ? refuse(401, 'Unauthorized') : refuse(403, 'Forbidden');
      accept((ws) => onConnection(ws, user));
    },
    (protocols) => (protocols.has('Bearer') && !has('no-subprotocol-selected') ? 'Bearer' : false),
  );
  return {
    url: `ws://127.0.0.1:${server.port}/ws/chats/`,
    users: USERS,
    projectId: 7,
    close: () => server.close(),
  };
}
