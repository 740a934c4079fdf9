/**
 * chats-ws-protocol/testing: a typed WebSocket client for tests against the mock (or any
 * /ws/chats/ server). It runs on Node 20 as it is (the `ws` package, no global WebSocket), and
 * its types need nothing but this package.
 *
 *   import { startMockServer } from 'chats-ws-protocol/mock';
 *   import { connectAs } from 'chats-ws-protocol/testing';
 *
 *   const mock = await startMockServer({ port: 0, bots: false });
 *   const anna = await connectAs(mock, 12);
 *   anna.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
 *   const typing = await anna.next('user_typing'); // typed: ServerUserTyping
 *   await mock.close(); // closes the clients' sockets too
 */
import { WebSocket } from 'ws';
import { validateServerEvent } from '../protocol/index.js';
import type { ClientEvent, Problem, ServerEvent, ValidationResult } from '../protocol/index.js';

/** Every `type` a server sends. */
export type ServerEventType = ServerEvent['type'];

/** The server event of one `type`: `ServerEventOf<'new_message'>` is `ServerNewMessage`. */
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

/** The three ways the protocol lets a client send its token at the handshake. */
export type TokenTransport = 'header' | 'query' | 'subprotocol';

export interface ConnectOptions {
  /** How the token is sent: `Authorization: Bearer` (default), `?token=`, or the `["Bearer", token]` subprotocol. */
  via?: TokenTransport;
  /** How long the handshake may take, in ms. Default 5000. */
  timeoutMs?: number;
  /** The default timeout of `next()`, in ms. Default 3000. */
  nextTimeoutMs?: number;
}

/** A frame received that is not a valid server event (not JSON, or against the spec). */
export interface InvalidFrame {
  /** The parsed frame, or the text when it is not JSON. */
  frame: unknown;
  problems: Problem[];
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A server frame of some protocol version: told apart by `type`. */
type AnyServerEvent = { type: string };

/** What `connectAs` needs of a mock: its WebSocket URL and its users' tokens (a `MockServer` has both). */
export interface MockLike {
  readonly wsUrl: string;
  readonly users: readonly { readonly id: number; readonly token: string }[];
}

/** Thrown by `connect` when the server refuses the handshake (an HTTP status) or it fails. */
export class ConnectError extends Error {
  /** The HTTP status of a refused upgrade (403 for a bad token), or null when the connection failed. */
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'ConnectError';
    this.status = status;
  }
}

interface Waiter<S> {
  accept: (event: S) => boolean;
  resolve: (event: S) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const describeTypes = (events: readonly AnyServerEvent[]): string =>
  events.length === 0 ? 'nothing' : events.map((e) => e.type).join(', ');

/**
 * One connection, as one user, speaking the protocol version of `C` (client events) and `S`
 * (server events). Every frame it receives is checked against that version's server schemas:
 * valid ones queue up for `next()` (oldest first), invalid ones go to `invalid`.
 */
export interface ChatClientOf<C, S extends AnyServerEvent> {
  /** The user this connection authenticated as (null when `connect` was not told). */
  readonly userId: number | null;
  /** Frames received and not yet taken by `next()`, oldest first. */
  readonly pending: S[];
  /** Frames that broke the spec (stays empty against a conforming server). */
  readonly invalid: InvalidFrame[];
  /** Resolves when the socket has closed, with the close code and reason. */
  readonly closed: Promise<CloseInfo>;
  /** Whether the socket is open (frames can be sent). */
  readonly isOpen: boolean;
  /** Sends a client event (a compile-time error when it breaks the spec). */
  send(event: C): void;
  /**
   * Sends anything, for tests of invalid input: a string is sent as the frame's text as it is,
   * anything else as its JSON.
   */
  sendRaw(frame: unknown): void;
  /**
   * The next server event of `type` (and that `filter` accepts), waiting up to `timeoutMs` for it
   * (default 3000, or `nextTimeoutMs`). It is taken off `pending`; frames before it that do not
   * match stay there. Resolves with the event narrowed to its type; rejects on timeout (naming
   * what did arrive) or when the socket closes first.
   */
  next<T extends S['type']>(
    type: T,
    filter?: (event: Extract<S, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<S, { type: T }>>;
  /** Closes the connection (1000) and resolves once it is closed. */
  close(): Promise<CloseInfo>;
}

/** A connection speaking protocol version 1 (the root entry's types). */
export type ChatClient = ChatClientOf<ClientEvent, ServerEvent>;

/** Checks a server frame of one protocol version. */
export type ServerValidator<S> = (frame: unknown) => ValidationResult<S>;

class SocketClient<C, S extends AnyServerEvent> implements ChatClientOf<C, S> {
  readonly pending: S[] = [];
  readonly invalid: InvalidFrame[] = [];
  readonly closed: Promise<CloseInfo>;
  readonly #ws: WebSocket;
  readonly #waiters = new Set<Waiter<S>>();
  readonly #nextTimeoutMs: number;
  readonly #validate: ServerValidator<S>;
  #closeInfo: CloseInfo | null = null;

  constructor(
    ws: WebSocket,
    readonly userId: number | null,
    nextTimeoutMs: number,
    validate: ServerValidator<S>,
  ) {
    this.#validate = validate;
    this.#ws = ws;
    this.#nextTimeoutMs = nextTimeoutMs;
    ws.on('message', (data, isBinary) => this.#receive(isBinary ? null : data.toString()));
    // A socket error is followed by 'close', which ends every wait; without a listener it would throw.
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.#closeInfo = { code, reason: reason.toString() };
        for (const waiter of this.#waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`${this.#who()}: the connection closed (${code}) while waiting`));
        }
        this.#waiters.clear();
        resolve(this.#closeInfo);
      });
    });
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  send(event: C): void {
    this.sendRaw(event);
  }

  sendRaw(frame: unknown): void {
    this.#ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  next<T extends S['type']>(
    type: T,
    filter?: (event: Extract<S, { type: T }>) => boolean,
    timeoutMs: number = this.#nextTimeoutMs,
  ): Promise<Extract<S, { type: T }>> {
    type Of = Extract<S, { type: T }>;
    const accept = (event: S): boolean => event.type === type && (filter === undefined || filter(event as Of));
    let index: number;
    try {
      index = this.pending.findIndex(accept);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err))); // the filter threw
    }
    if (index >= 0) return Promise.resolve(this.pending.splice(index, 1)[0] as Of);
    if (this.#closeInfo)
      return Promise.reject(new Error(`${this.#who()}: no ${type} pending and the connection is closed`));
    return new Promise<Of>((resolve, reject) => {
      const waiter: Waiter<S> = {
        accept,
        resolve: (event) => resolve(event as Of),
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            new Error(
              `${this.#who()}: no ${type}${filter ? ' matching the filter' : ''} within ${timeoutMs} ms; ` +
                `pending: ${describeTypes(this.pending)}` +
                (this.invalid.length ? `; ${this.invalid.length} invalid frame(s) received` : ''),
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  async close(): Promise<CloseInfo> {
    if (this.#ws.readyState === WebSocket.CLOSED) return this.closed;
    if (this.#ws.readyState === WebSocket.CONNECTING) this.#ws.terminate();
    else this.#ws.close(1000);
    return this.closed;
  }

  #who(): string {
    return this.userId === null ? 'client' : `user ${this.userId}`;
  }

  #receive(text: string | null): void {
    let frame: unknown;
    try {
      frame = text === null ? '<binary frame>' : JSON.parse(text);
    } catch {
      frame = text;
    }
    const check = this.#validate(frame);
    if (!check.ok) {
      this.invalid.push({ frame, problems: check.problems });
      return;
    }
    for (const waiter of this.#waiters) {
      let matches: boolean;
      try {
        matches = waiter.accept(check.event);
      } catch (err) {
        // A filter that throws ends its own wait with that error; the frame goes on to the others.
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (matches) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.resolve(check.event);
        return;
      }
    }
    this.pending.push(check.event);
  }
}

/** Opens a connection to `wsUrl` with `token`; resolves once it is open, rejects with a `ConnectError` otherwise. */
export function connect(
  wsUrl: string,
  token: string,
  options: ConnectOptions & { userId?: number } = {},
): Promise<ChatClient> {
  return connectWith(validateServerEvent, wsUrl, token, options);
}

/** `connect` for the protocol version whose server frames `validate` checks (`chats-ws-protocol/testing/v2` uses it). */
export function connectWith<C, S extends AnyServerEvent>(
  validate: ServerValidator<S>,
  wsUrl: string,
  token: string,
  options: ConnectOptions & { userId?: number } = {},
): Promise<ChatClientOf<C, S>> {
  const via = options.via ?? 'header';
  const ws =
    via === 'query'
      ? new WebSocket(`${wsUrl}${wsUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`)
      : via === 'subprotocol'
        ? new WebSocket(wsUrl, ['Bearer', token])
        : new WebSocket(wsUrl, { headers: { Authorization: `Bearer ${token}` } });
  const client = new SocketClient<C, S>(ws, options.userId ?? null, options.nextTimeoutMs ?? 3000, validate);
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const fail = (error: ConnectError): void => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new ConnectError(`no handshake from ${wsUrl} within ${timeoutMs} ms`, null)),
      timeoutMs,
    );
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(client);
    });
    ws.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      fail(
        new ConnectError(
          `${wsUrl} refused the connection: HTTP ${status} ${response.statusMessage ?? ''}`.trim(),
          status,
        ),
      );
    });
    ws.once('error', (err) => fail(new ConnectError(`cannot connect to ${wsUrl}: ${err.message}`, null)));
  });
}

const open = new WeakMap<MockLike, Set<{ close(): Promise<CloseInfo> }>>();

/**
 * Connects to a mock (the result of `startMockServer`) as one of its users, with that user's
 * token; resolves once the connection is open. The clients of a mock are closed by `closeAll(mock)`.
 */
export async function connectAs(mock: MockLike, userId: number, options: ConnectOptions = {}): Promise<ChatClient> {
  return connectAsWith(validateServerEvent, mock, userId, options);
}

/** `connectAs` for the protocol version whose server frames `validate` checks. */
export async function connectAsWith<C, S extends AnyServerEvent>(
  validate: ServerValidator<S>,
  mock: MockLike,
  userId: number,
  options: ConnectOptions = {},
): Promise<ChatClientOf<C, S>> {
  const user = mock.users.find((u) => u.id === userId);
  if (!user) throw new Error(`The mock has no user ${userId} (users: ${mock.users.map((u) => u.id).join(', ')})`);
  const client = await connectWith<C, S>(validate, mock.wsUrl, user.token, { ...options, userId });
  let clients = open.get(mock);
  if (!clients) open.set(mock, (clients = new Set()));
  clients.add(client);
  void client.closed.then(() => clients.delete(client));
  return client;
}

/** Closes every client `connectAs` opened to `mock` that is still open (for a test's teardown). */
export async function closeAll(mock: MockLike): Promise<void> {
  await Promise.all([...(open.get(mock) ?? [])].map((client) => client.close()));
}
