// The reference backend as it was in early March 2023 (the Django Channels server the protocol
// document describes), for testing the conformance checker against what a real server did:
//   - one route, /ws/chat/ (an upgrade anywhere else: HTTP 500, no route); the token in ?token=
//     only, an HS256 JWT with user_id lasting five minutes (missing, bad or expired: HTTP 403);
//   - flat new_message content {message_id, chat_id, author_id, text, created_at} (epoch seconds,
//     text not stripped; chat_type only in project chats); end_time as an epoch number;
//   - errors as {"error": "<text>"}, without type; invalid JSON, a missing key, a message or user
//     or project that does not exist: the connection closed with 1011 (an unhandled exception);
//     an unknown type: no answer; a reversed direct id ("23_12"): silently normalised;
//   - presence frames without content ({"type":"set_online","user_id":2}), none on connect or close;
//   - typing in direct chats reaching nobody; one channel per user (a second connection of the
//     same user receives nothing); any user may delete anyone's message (hard delete).
import { WebSocket } from 'ws';
import { decodeJwt, signJwt, verifyJwt } from '../../mock-server/gateway/jwt.js';
import { startUpgradeServer } from './upgrade-server.js';

export const DIALECT_SECRET = 'dialect-2023-secret';
/** How long the backend's tokens last. */
export const DIALECT_TOKEN_LIFETIME_S = 300;

/** An access token as that backend issued it. */
export function dialectToken(userId: number, nowMs = Date.now(), lifetimeS = DIALECT_TOKEN_LIFETIME_S): string {
  const now = Math.floor(nowMs / 1000);
  return signJwt(
    { token_type: 'access', user_id: userId, iat: now, exp: now + lifetimeS, jti: `jti-${userId}-${now}` },
    DIALECT_SECRET,
  );
}

/** Users 12 and 23 (project 7), 31 (project 8 with 23: an outsider to 12_23 and to project 7). */
export const DIALECT_USERS = [12, 23, 31] as const;
const PROJECTS = new Map<number, readonly number[]>([
  [7, [12, 23]],
  [8, [23, 31]],
]);
/** What Daphne answers an upgrade no route takes. */
const NO_ROUTE_BODY =
  '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1>Daphne</body></html>';
/**
 * Messages 1-9 were there before any checker came: other people's, which a checker must never act
 * on. The next id, 10, is low enough that one of the run's messages gets a user's id (12).
 */
export const HISTORY_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

interface Stored {
  id: number;
  chatKey: string;
  authorId: number;
  text: string;
  createdAt: number;
}

/** An unhandled exception in the consumer: Channels closes the socket with 1011. */
class Crash extends Error {}

type Content = Record<string, unknown>;

function key(content: Content, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(content, name)) throw new Crash(`KeyError: '${name}'`);
  return content[name];
}

export interface DialectBackend {
  /** `ws://127.0.0.1:PORT/ws/chat/`: the one route it has. */
  readonly url: string;
  /** The same server at the documented path, where it answers HTTP 500. */
  readonly documentedUrl: string;
  readonly projectId: number;
  /** Every message it still stores, oldest first (hard deletes remove them). */
  messageIds(): number[];
  close(): Promise<void>;
}

export async function startDialectBackend(): Promise<DialectBackend> {
  const channels = new Map<number, WebSocket>();
  const messages = new Map<number, Stored>();
  for (const id of HISTORY_IDS) {
    const [chatKey, authorId] = id % 3 === 0 ? ['project:7', 12] : id % 2 ? ['direct:12_23', 23] : ['direct:23_31', 31];
    messages.set(id, {
      id,
      chatKey,
      authorId,
      text: `earlier message ${id}`,
      createdAt: Date.now() / 1000 - 3600 + id,
    });
  }
  let nextId = HISTORY_IDS.length + 1;

  const send = (ws: WebSocket | undefined, frame: unknown): void => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };
  const toUsers = (users: Iterable<number>, frame: unknown): void => {
    for (const id of users) send(channels.get(id), frame);
  };
  const now = (): number => Date.now() / 1000;

  /** The chat a frame names, as the consumer resolved it. */
  function chatOf(
    userId: number,
    content: Content,
  ): { key: string; members: readonly number[]; head: Content } | string {
    const chatType = key(content, 'chat_type');
    const chatId = key(content, 'chat_id');
    if (chatType === 'direct') {
      const ids = String(chatId).split('_').map(Number);
      if (ids.length !== 2 || ids.some((id) => !Number.isSafeInteger(id)))
        throw new Crash(`ValueError: ${String(chatId)}`);
      const [low, high] = ids.sort((x, y) => x - y) as [number, number];
      const normalised = `${low}_${high}`;
      if (!ids.includes(userId)) return `User ${userId} is not a member of chat ${normalised}`;
      const other = low === userId ? high : low;
      if (!(DIALECT_USERS as readonly number[]).includes(other)) throw new Crash('User.DoesNotExist');
      return { key: `direct:${normalised}`, members: [low, high], head: { chat_id: normalised } };
    }
    const members = PROJECTS.get(Number(chatId));
    if (!members) throw new Crash('Project.DoesNotExist');
    if (!members.includes(userId)) return `User ${userId} is not in project chat ${String(chatId)}`;
    return { key: `project:${String(chatId)}`, members, head: { chat_id: Number(chatId), chat_type: 'project' } };
  }

  function receive(ws: WebSocket, userId: number, text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      throw new Crash('JSONDecodeError');
    }
    const data = frame as Content;
    const type = key(data, 'type');
    if (type === 'set_online' || type === 'set_offline') {
      toUsers(channels.keys(), { type, user_id: userId });
      return;
    }
    if (type !== 'new_message' && type !== 'user_typing' && type !== 'message_read' && type !== 'delete_message')
      return;
    const content = key(data, 'content') as Content;
    const chat = chatOf(userId, content);
    if (typeof chat === 'string') return send(ws, { error: chat });
    const direct = chat.key.startsWith('direct:');
    switch (type) {
      case 'new_message': {
        const text = key(content, 'message');
        const replyTo = key(content, 'reply_to');
        if (replyTo !== null && messages.get(Number(replyTo))?.chatKey !== chat.key)
          return send(ws, { error: `Message ${String(replyTo)} is not in chat ${String(chat.head.chat_id)}` });
        const stored: Stored = {
          id: nextId++,
          chatKey: chat.key,
          authorId: userId,
          text: String(text),
          createdAt: now(),
        };
        messages.set(stored.id, stored);
        const flat = {
          message_id: stored.id,
          ...chat.head,
          author_id: userId,
          text: stored.text,
          created_at: stored.createdAt,
        };
        return toUsers(chat.members, { type: 'new_message', content: flat });
      }
      case 'user_typing':
        if (direct) return; // the bug: typing in direct chats reached nobody
        return toUsers(chat.members, {
          type: 'user_typing',
          content: { ...chat.head, user_id: userId, end_time: now() + 5 },
        });
      case 'message_read': {
        const message = messages.get(Number(key(content, 'message_id')));
        if (!message) throw new Crash('Message.DoesNotExist');
        if (message.chatKey !== chat.key || (direct && message.authorId === userId))
          return send(ws, { error: "Some of chat/message ids are wrong, you can't access this message" });
        return toUsers(chat.members, {
          type: 'message_read',
          content: { chat_type: direct ? 'direct' : 'project', ...chat.head, user_id: userId, message_id: message.id },
        });
      }
      case 'delete_message': {
        const message = messages.get(Number(key(content, 'message_id')));
        if (!message) throw new Crash('Message.DoesNotExist');
        messages.delete(message.id); // no author check until April
        return toUsers(chat.members, { type: 'delete_message', content: { message_id: message.id } });
      }
    }
  }

  const server = await startUpgradeServer(({ url, refuse, accept }) => {
    if (url.pathname !== '/ws/chat/') return refuse(500, 'Internal Server Error', NO_ROUTE_BODY);
    const decoded = decodeJwt(url.searchParams.get('token') ?? '');
    const userId = decoded?.payload.user_id;
    const valid = decoded && verifyJwt(decoded, DIALECT_SECRET, Date.now()).ok;
    if (!valid || typeof userId !== 'number' || !(DIALECT_USERS as readonly number[]).includes(userId))
      return refuse(403, 'Forbidden');
    accept((ws) => {
      if (!channels.has(userId)) channels.set(userId, ws); // one channel per user: the first connection's
      ws.on('message', (raw) => {
        try {
          receive(ws, userId, String(raw));
        } catch (err) {
          if (!(err instanceof Crash)) throw err;
          ws.close(1011);
        }
      });
      ws.on('close', () => {
        if (channels.get(userId) === ws) channels.delete(userId);
      });
    });
  });
  const base = `ws://127.0.0.1:${server.port}`;
  return {
    url: `${base}/ws/chat/`,
    documentedUrl: `${base}/ws/chats/`,
    projectId: 7,
    messageIds: () => [...messages.keys()],
    close: () => server.close(),
  };
}
