// Where frames meet the world: client events in (from sockets, the control API and the bots),
// domain rules, and deliveries out to every open connection of each recipient, each outgoing
// frame checked against the server schemas first. Every frame is recorded and logged.
import { errorEvent, parseClientFrame } from '../../protocol/index.js';
import type { ClientEvent, ParsedFrame, Problem, ServerError, ServerEvent } from '../../protocol/index.js';
import type { Connection } from './connections.js';
import { ConnectionRegistry } from './connections.js';
import { createWorld, handleClientEvent, userConnected, userDisconnected } from '../domain/index.js';
import type { Delivery, Recipients, World, WorldData } from '../domain/index.js';
import type { MockLogger } from '../traffic/log.js';
import { type TrafficLog, type TrafficSource, keptFrame } from '../traffic/traffic.js';
import { type Delivered, Wire } from './wire.js';

export type { Delivered } from './wire.js';

export type ActResult = { ok: true; deliveries: Delivered[] } | { ok: false; error: ServerError };

export type EventListener = (userId: number, event: ClientEvent, deliveries: readonly Delivery[]) => void;

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
}

/** A frame from the control API or a bot that JSON.stringify cannot write (too deep, or circular). */
const TOO_DEEP: Problem = {
  pointer: '',
  code: 'invalid_value',
  message: 'The frame cannot be written as JSON (nested too deeply, or circular)',
};

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
  private readonly logger: MockLogger;
  private readonly now: () => Date;
  private readonly listeners = new Set<EventListener>();
  private closing = false;
  private tokens: Map<string, number> | null = null;
  private readonly wire: Wire;
  private internalErrors = 0;

  constructor(options: HubOptions) {
    this.world = createWorld(options.world);
    this.traffic = options.traffic;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.wire = new Wire(this.traffic, this.logger, this.now);
  }

  stats(): HubStats {
    return {
      connections: this.connections.size,
      usersConnected: this.connections.connectedUserIds().length,
      ...this.wire.counts,
      internalErrors: this.internalErrors,
    };
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
    this.world = createWorld(data);
    this.tokens = null;
    for (const userId of this.connections.connectedUserIds()) this.world.online.add(userId);
  }

  /** Stops presence broadcasts: the server is shutting down. */
  shutdown(): void {
    this.closing = true;
  }

  connected(connection: Connection): void {
    if (this.connections.add(connection))
      this.deliverAll(userConnected(this.world, connection.userId), 'socket', connection.userId);
  }

  disconnected(connection: Connection): void {
    if (this.connections.remove(connection) && !this.closing) {
      this.deliverAll(userDisconnected(this.world, connection.userId), 'socket', connection.userId);
    }
  }

  /** A text frame from a socket. */
  receiveText(connection: Connection, text: string): void {
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      const { event_type: type, problems } = parsed.error.content;
      this.wire.recordIn(connection.userId, connection.id, 'socket', {
        type,
        valid: false,
        problems,
        frame: keptFrame(text),
        text,
        reason: parsed.error.content.message,
      });
      this.reply(connection, parsed.error);
      return;
    }
    this.wire.recordIn(connection.userId, connection.id, 'socket', {
      type: parsed.event.type,
      valid: true,
      problems: [],
      frame: parsed.event,
      text,
    });
    this.apply(connection.userId, parsed.event, 'socket', connection);
  }

  /** A binary frame from a socket: not part of the protocol. */
  receiveBinary(connection: Connection, size: number): void {
    const text = `<binary frame, ${size} bytes>`;
    this.wire.recordIn(connection.userId, connection.id, 'socket', {
      type: null,
      valid: false,
      problems: [],
      frame: text,
      text,
      reason: 'binary frame',
    });
    this.reply(
      connection,
      errorEvent('unsupported_data', 'Binary frames are not part of the protocol: send JSON text frames'),
    );
  }

  /**
   * A frame over its connection's rate limit: recorded (with its verdict against the spec),
   * answered with `rate_limited`, and not applied. `text` is null for a binary frame.
   */
  receiveOverLimit(connection: Connection, text: string | null, size: number, message: string): void {
    const parsed = text === null ? null : parseClientFrame(text);
    const type = parsed === null ? null : parsed.ok ? parsed.event.type : parsed.error.content.event_type;
    const shown = text ?? `<binary frame, ${size} bytes>`;
    this.wire.recordIn(connection.userId, connection.id, 'socket', {
      type,
      valid: parsed?.ok ?? false,
      problems: parsed === null || parsed.ok ? [] : parsed.error.content.problems,
      frame: parsed?.ok ? parsed.event : text === null ? shown : keptFrame(text),
      text: shown,
      reason: 'rate limited',
    });
    this.reply(connection, errorEvent('rate_limited', message, { eventType: type }));
  }

  /**
   * A client event as `userId` would send it, from outside a socket (control API, bots): checked
   * against the client schemas, then applied. Errors are returned, not sent.
   */
  act(userId: number, data: unknown, source: TrafficSource): ActResult {
    const text = serialize(data);
    const parsed: ParsedFrame =
      text === null
        ? { ok: false, error: errorEvent('invalid_event', TOO_DEEP.message, { problems: [TOO_DEEP] }) }
        : parseClientFrame(text);
    const type = parsed.ok ? parsed.event.type : parsed.error.content.event_type;
    const problems = parsed.ok ? [] : parsed.error.content.problems;
    const reason = parsed.ok ? undefined : parsed.error.content.message;
    const kept = text ?? '<a frame that cannot be written as JSON>';
    this.wire.recordIn(userId, null, source, {
      type,
      valid: parsed.ok,
      problems,
      frame: parsed.ok ? parsed.event : text === null ? kept : keptFrame(text),
      text: kept,
      reason,
    });
    if (!parsed.ok) return parsed;
    if (!this.world.users.has(userId))
      return { ok: false, error: errorEvent('user_not_found', `User ${userId} does not exist`, { eventType: type }) };
    return this.apply(userId, parsed.event, source, null);
  }

  /** Sends a server event to some users or everyone, as is (the caller validated it). */
  emit(to: Recipients, event: ServerEvent): Delivered {
    return this.deliver({ to, event }, 'emit', null);
  }

  private apply(userId: number, event: ClientEvent, source: TrafficSource, connection: Connection | null): ActResult {
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

  /** `actor`: whose action the deliveries come from (for the log). */
  private deliverAll(deliveries: readonly Delivery[], source: TrafficSource, actor: number | null): Delivered[] {
    return deliveries.map((delivery) => this.deliver(delivery, source, actor));
  }

  private deliver(delivery: Delivery, source: TrafficSource, actor: number | null): Delivered {
    const targets = this.connections.resolve(delivery.to);
    return this.wire.send(delivery.event, targets, source, actor);
  }

  /** An error event to the one connection whose frame it answers. */
  private reply(connection: Connection, error: ServerError): void {
    this.wire.send(error, new Map([[connection.userId, new Set([connection])]]), 'socket', connection.userId);
  }
}
