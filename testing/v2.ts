/**
 * chats-ws-protocol/testing/v2: the test kit's typed client for protocol version 2, the later
 * dialect (a mock started with `protocol: 2`, or any server that speaks it). The same client as
 * `chats-ws-protocol/testing`, typed with version 2's events and checking every frame it
 * receives against version 2's server schemas.
 *
 *   import { startMockServer } from 'chats-ws-protocol/mock';
 *   import { connectAs } from 'chats-ws-protocol/testing/v2';
 *
 *   const mock = await startMockServer({ port: 0, bots: false, protocol: 2 });
 *   const anna = await connectAs(mock, 12, { via: 'subprotocol' });
 *   anna.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: '7' } });
 *   const typing = await anna.next('user_typing'); // typed: version 2's ServerUserTyping
 */
import { validateServerEvent, type ClientEvent, type ServerEvent } from '../protocol/v2/index.js';
import { type ChatClientOf, type ConnectOptions, type MockLike, connectAsWith, connectWith } from './index.js';

export {
  ConnectError,
  closeAll,
  type CloseInfo,
  type ConnectOptions,
  type InvalidFrame,
  type MockLike,
  type TokenTransport,
} from './index.js';

/** A connection speaking protocol version 2. */
export type ChatClient = ChatClientOf<ClientEvent, ServerEvent>;

/** Every `type` a server sends in version 2. */
export type ServerEventType = ServerEvent['type'];

/** The version 2 server event of one `type`: `ServerEventOf<'edit_message'>` is `ServerEditMessage`. */
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

/** Opens a connection to `wsUrl` with `token`, speaking version 2. */
export function connect(
  wsUrl: string,
  token: string,
  options: ConnectOptions & { userId?: number } = {},
): Promise<ChatClient> {
  return connectWith<ClientEvent, ServerEvent>(validateServerEvent, wsUrl, token, options);
}

/** Connects to a mock speaking protocol 2 as one of its users; `closeAll(mock)` closes its clients. */
export function connectAs(mock: MockLike, userId: number, options: ConnectOptions = {}): Promise<ChatClient> {
  return connectAsWith<ClientEvent, ServerEvent>(validateServerEvent, mock, userId, options);
}
