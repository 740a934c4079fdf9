// Where frames meet the world: client events in (from sockets, the control API and the bots),
// domain rules, and deliveries out to every open connection of each recipient, each outgoing
// frame checked against the server schemas first. Every frame is recorded and logged.
import { errorEvent } from '../../protocol/index.js';
import type { Problem, ServerError } from '../../protocol/index.js';
import type { Connection } from './connections.js';
import { ConnectionRegistry } from './connections.js';
import { createWorld, handleClientEvent, userConnected, userDisconnected } from '../domain/index.js';
import type { Delivery, DomainEvent, Recipients, World, WorldData } from '../domain/index.js';
// Protocol seam (issue #18): frames in and out go through the dialect chosen at start-up.
import { type Decoded, type Dialect, type WireServerEvent, dialectOf } from '../dialects/index.js';
import type { MockLogger } from '../traffic/log.js';
import type { TrafficLog, TrafficSource } from '../traffic/traffic.js';
import { type Delivered, type IncomingFrame, Wire } from './wire.js';

export type { Delivered } from './wire.js';

export type ActResult = { ok: true; deliveries: Delivered[] } | { ok: false; error: ServerError };

export type EventListener = (userId: number, event: DomainEvent, deliveries: readonly Delivery[]) => void;

export interface HubStats {
  connections: number;
  usersConnected: number;
  framesIn: number;
  framesOut: number;
  outgoingViolations: number;
  internalErrors: number;
}

export interface HubOptions {
  world: WorldData;
  traffic: TrafficLog;
  logger: MockLogger;
  now?: () => Date;
  /** The most messages the world keeps; the oldest are evicted beyond it. Default: no limit. */
  maxMessages?: number;
  /** The protocol version the sockets speak (issue #18). Default: version 1. */
  dialect?: Dialect;
}

/** While messages are being evicted, how often the log sums it up (the first eviction is told at once). */
const EVICTION_LOG_MS = 10_000;

/** A frame from the control API or a bot that JSON.stringify cannot write (too deep, or circular). */
const TOO_DEEP: Problem = {
  pointer: '',
  code: 'invalid_value',
  message: 'The frame cannot be written as JSON (nested too deeply, or circular)',
};

/** What the traffic log and the console are told of a frame that came in, once it was judged. */
function incoming(parsed: Decoded, text: string, bytes: number): IncomingFrame {
  if (parsed.ok)
    return { type: parsed.event.type, valid: true, problems: [], text, event: parsed.frame ?? parsed.event, bytes };
  const { event_type: type, problems, problems_omitted: omitted, message } = parsed.error.content;
  return { type, valid: false, problems, omitted, text, bytes, reason: problems.length ? undefined : message };
}

const serialize = (data: unknown): string | null => {
  try {
    return JSON.stringify(data) ?? 'undefined';
  } catch {
    return null;
  }
};

export class Hub {
  world: World;
  readonly connections = new ConnectionRegistry();
  readonly traffic: TrafficLog;
  /** The protocol version spoken on the sockets (issue #18). */
  readonly dialect: Dialect;
  private readonly logger: MockLogger;
  private readonly now: () => Date;
  private readonly listeners = new Set<EventListener>();
  private closing = false;
  private tokens: Map<string, number> | null = null;
  private readonly wire: Wire;
  private internalErrors = 0;
  private version = 0;
  private readonly maxMessages: number;
  /** Evictions told in the log so far, and when the log last told them. */
  private evictionsLogged = 0;
  private evictionLoggedAt = 0;

  constructor(options: HubOptions) {
    this.maxMessages = options.maxMessages ?? Infinity;
    this.world = createWorld(options.world, { maxMessages: this.maxMessages });
    this.traffic = options.traffic;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.dialect = options.dialect ?? dialectOf(1);
    this.wire = new Wire(this.traffic, this.logger, this.now, this.dialect.validateServer);
  }

  stats(): HubStats {
    return {
      connections: this.connections.size,
      usersConnected: this.connections.connectedUserIds().length,
      ...this.wire.counts,
      internalErrors: this.internalErrors,
    };
  }

  /**
   * Changes whenever what GET /__mock/state shows may have changed (connections, presence, chats,
   * messages); typing changes nothing there. Cheap to read: the inspector's live stream polls it.
   */
  get stateVersion(): number {
    return this.version;
  }

  /** Called for every client event the world accepted (the bots listen here). */
  onAccepted(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Each user's token, for the handshake. */
  tokenIndex(): ReadonlyMap<string, number> {
    this.tokens ??= new Map([...this.world.users.values()].map((u) => [u.token, u.id]));
    return this.tokens;
  }

  /** Replaces the world; connected users stay connected and online. */
  reset(data: WorldData): void {
    this.world = createWorld(data, { maxMessages: this.maxMessages });
    this.tokens = null;
    this.version++;
    this.evictionsLogged = 0;
    for (const userId of this.connections.connectedUserIds()) this.world.online.add(userId);
  }

  /** Stops presence broadcasts: the server is shutting down. */
  shutdown(): void {
    this.closing = true;
  }

  connected(connection: Connection): void {
    this.version++;
    if (this.connections.add(connection))
      this.deliverAll(userConnected(this.world, connection.userId), 'socket', connection.userId);
  }

  disconnected(connection: Connection): void {
    this.version++;
    if (this.connections.remove(connection) && !this.closing) {
      this.deliverAll(userDisconnected(this.world, connection.userId), 'socket', connection.userId);
    }
  }

  /** A text frame from a socket (`bytes`: its size on the wire). */
  receiveText(connection: Connection, text: string, bytes = Buffer.byteLength(text)): void {
    const parsed = this.dialect.decode(text);
    this.wire.recordIn(connection.userId, connection.id, 'socket', incoming(parsed, text, bytes));
    if (parsed.ok) this.apply(connection.userId, parsed.event, 'socket', connection);
    else this.reply(connection, parsed.error);
  }

  /** A binary frame from a socket: not part of the protocol. */
  receiveBinary(connection: Connection, size: number): void {
    const text = `<binary frame, ${size} bytes>`;
    this.wire.recordIn(connection.userId, connection.id, 'socket', {
      type: null,
      valid: false,
      problems: [],
      text,
      bytes: size,
      reason: 'binary frame',
    });
    this.reply(
      connection,
      errorEvent('unsupported_data', 'Binary frames are not part of the protocol: send JSON text frames'),
    );
  }

  /**
   * A frame over its connection's rate limit: recorded and answered with `rate_limited`, without
   * being read (parsing and validating it is the work the limit saves), and not applied. `text` is
   * null for a binary frame.
   */
  receiveOverLimit(connection: Connection, text: string | null, size: number, message: string): void {
    this.wire.recordIn(connection.userId, connection.id, 'socket', {
      type: null,
      valid: false,
      problems: [],
      text: text ?? `<binary frame, ${size} bytes>`,
      bytes: size,
      reason: 'over the rate limit: not read',
    });
    this.reply(connection, errorEvent('rate_limited', message));
  }

  /**
   * A client event as `userId` would send it, from outside a socket (control API, bots): checked
   * against the client schemas, then applied. Errors are returned, not sent.
   */
  act(userId: number, data: unknown, source: TrafficSource): ActResult {
    const text = serialize(data);
    const parsed: Decoded =
      text === null
        ? { ok: false, error: errorEvent('invalid_event', TOO_DEEP.message, { problems: [TOO_DEEP] }) }
        : this.dialect.decode(text);
    const kept = text ?? '<a frame that cannot be written as JSON>';
    this.wire.recordIn(userId, null, source, incoming(parsed, kept, Buffer.byteLength(kept)));
    if (!parsed.ok) return parsed;
    if (!this.world.users.has(userId))
      return {
        ok: false,
        error: errorEvent('user_not_found', `User ${userId} does not exist`, { eventType: parsed.event.type }),
      };
    return this.apply(userId, parsed.event, source, null);
  }

  /** Sends a server event to some users or everyone, as is: a frame of the version spoken (the caller validated it). */
  emit(to: Recipients, event: WireServerEvent): Delivered {
    return this.wire.send(event, this.connections.resolve(to), 'emit', null);
  }

  private apply(userId: number, event: DomainEvent, source: TrafficSource, connection: Connection | null): ActResult {
    let result: ReturnType<typeof handleClientEvent>;
    try {
      result = handleClientEvent(this.world, userId, event, this.now());
    } catch (err) {
      this.internalErrors++;
      this.logger.error('BUG: handling a client event threw', {
        user_id: userId,
        event,
        error: err instanceof Error ? err.stack : String(err),
      });
      result = {
        ok: false,
        error: errorEvent('internal_error', 'The mock server failed to handle this frame (a bug; see its log)', {
          eventType: event.type,
        }),
      };
    }
    if (!result.ok) {
      if (connection) this.reply(connection, result.error);
      return result;
    }
    if (event.type !== 'user_typing') this.version++;
    if (this.world.evictedMessages > this.evictionsLogged) this.logEvictions();
    const deliveries = this.deliverAll(result.deliveries, source, userId);
    for (const listener of this.listeners) {
      try {
        listener(userId, event, result.deliveries);
      } catch (err) {
        this.logger.error('BUG: a listener of accepted events threw', {
          error: err instanceof Error ? err.stack : String(err),
        });
      }
    }
    return { ok: true, deliveries };
  }

  /** The first eviction at once, then a sum at most every EVICTION_LOG_MS. */
  private logEvictions(): void {
    const { evictedMessages: evicted, maxMessages } = this.world;
    const nowMs = Date.now();
    if (this.evictionsLogged === 0) {
      this.logger.warn(
        `message store full: it keeps the newest ${maxMessages} messages (--max-messages); the oldest are evicted from now on`,
        { evicted_messages: evicted },
      );
    } else if (nowMs - this.evictionLoggedAt < EVICTION_LOG_MS) return;
    else this.logger.info(`evicted ${evicted - this.evictionsLogged} more old messages (${evicted} in all)`);
    this.evictionsLogged = evicted;
    this.evictionLoggedAt = nowMs;
  }

  /** `actor`: whose action the deliveries come from (for the log). */
  private deliverAll(deliveries: readonly Delivery[], source: TrafficSource, actor: number | null): Delivered[] {
    return deliveries.map((delivery) => this.deliver(delivery, source, actor));
  }

  private deliver(delivery: Delivery, source: TrafficSource, actor: number | null): Delivered {
    const targets = this.connections.resolve(delivery.to);
    return this.wire.send(this.dialect.encode(delivery.event, this.world), targets, source, actor);
  }

  /** An error event to the one connection whose frame it answers. */
  private reply(connection: Connection, error: ServerError): void {
    this.wire.send(error, new Map([[connection.userId, new Set([connection])]]), 'socket', connection.userId);
  }
}
