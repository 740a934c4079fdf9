// One accepted socket: its frames to the hub (through the rate limit), its frames out (through the
// back-pressure bound), the heartbeat's view of it, and what its WebSocket errors mean.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { maskToken, type TokenSource } from './auth.js';
import type { Connection } from '../hub/connections.js';
import type { Hub } from '../hub/hub.js';
import { type Limits, describeRate } from './limits.js';
import type { MockLogger } from '../traffic/log.js';
import { RateLimiter } from './rate-limit.js';
import type { GatewayStats } from './stats.js';
import type { FaultDirection, FaultTarget, Faults } from '../faults/index.js';

/** How long a slow client's 1013 close may take before its socket is destroyed. */
export const SLOW_CLOSE_GRACE_MS = 1000;

export { type GatewayStats, emptyGatewayStats } from './stats.js';

export interface SessionContext {
  hub: Hub;
  logger: MockLogger;
  limits: Limits;
  stats: GatewayStats;
  /** Faults on demand (issue 16): frames pass through them only while one is active. */
  faults: Faults;
}

const toBuffer = (data: Buffer | ArrayBuffer | Buffer[]): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

export class SocketSession implements FaultTarget {
  readonly connection: Connection;
  /** Answered the last ping (or sent anything) since the heartbeat last looked. */
  alive = true;
  private dropping = false;
  private readonly limiter: RateLimiter | null;
  private readonly pings: RateLimiter | null;
  private readonly who: string;
  /** The TCP socket under `ws`: corked while one tick's frames to it are written (see send). */
  private readonly socket: Socket;
  private corked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  constructor(
    readonly ws: WebSocket,
    private readonly ctx: SessionContext,
    id: string,
    userId: number,
    via: TokenSource,
    token: string,
  ) {
    const { limits, logger } = ctx;
    this.socket = (ws as unknown as { _socket: Socket })._socket;
    this.limiter = limits.rateLimit ? new RateLimiter(limits.rateLimit, Date.now()) : null;
    this.pings = limits.pingLimit ? new RateLimiter(limits.pingLimit, Date.now()) : null;
    this.who = `conn ${id} (user ${userId})`;
    this.connection = {
      id,
      userId,
      via,
      openedAt: new Date().toISOString(),
      send: (data) => this.send(data),
      close: (code, reason) => ws.close(code, reason),
    };
    logger.connection({ event: 'open', userId, connectionId: id, via, token: maskToken(token) });
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('ping', () => this.pinged());
    ws.on('message', (data, isBinary) => this.receive(toBuffer(data), isBinary));
    ws.on('error', (err: Error & { code?: string }) => this.failed(err));
  }

  /** Sends a text frame, unless the socket is closing or is too far behind (then it is dropped). */
  private send(data: string | Buffer, faulted?: true): void {
    // Faults hook (issue 16): one branch while no fault is active.
    if (this.ctx.faults.active && !faulted && this.ctx.faults.divert(this, 'out', data, false)) return;
    const { ws } = this;
    if (this.dropping || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) return this.dropSlow();
    // Every frame for this socket during one tick leaves in one writev, not one syscall each.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    ws.send(data, { binary: false });
  }

  private receive(buffer: Buffer, isBinary: boolean, faulted?: true): void {
    const { hub, logger, limits, stats } = this.ctx;
    this.alive = true;
    // Faults hook (issue 16): one branch while no fault is active.
    if (this.ctx.faults.active && !faulted && this.ctx.faults.divert(this, 'in', buffer, isBinary)) return;
    // Once the server has sent its close frame nothing more reaches this client, so nothing it
    // sends is applied either: every message accepted was delivered, and an unanswered one was not stored.
    if (this.ws.readyState !== this.ws.OPEN) {
      stats.framesAfterClose++;
      return;
    }
    try {
      if (this.limiter && limits.rateLimit && !this.limiter.take(Date.now())) {
        stats.rateLimitedFrames++;
        const message = `Too many frames: the limit is ${describeRate(limits.rateLimit)} per connection; this frame was not applied, send it again later`;
        hub.receiveOverLimit(this.connection, isBinary ? null : buffer.toString('utf8'), buffer.length, message);
      } else if (isBinary) hub.receiveBinary(this.connection, buffer.length);
      else hub.receiveText(this.connection, buffer.toString('utf8'), buffer.length);
    } catch (err) {
      // The hub answers handling errors itself; this is a bug around it. Never crash the server.
      logger.error('BUG: a frame could not be processed', {
        connection: this.connection.id,
        error: err instanceof Error ? err.stack : String(err),
      });
    }
  }

  /** Faults (issue 16): a frame they held back goes on its way. */
  deliver(direction: FaultDirection, data: Buffer | string, isBinary: boolean): void {
    if (direction === 'out') this.send(data, true);
    else this.receive(typeof data === 'string' ? Buffer.from(data) : data, isBinary, true);
  }

  /** Faults (issue 16): a stall stops reading the socket (no frames, no pongs), the TCP connection kept. */
  hold(on: boolean): void {
    if (on) this.ws.pause();
    else this.ws.resume();
  }

  /** A ping from the client (ws answers it): closed with 1008 when they come faster than --ping-limit. */
  private pinged(): void {
    this.alive = true;
    const { limits, logger, stats } = this.ctx;
    if (!this.pings || !limits.pingLimit || this.pings.take(Date.now()) || this.dropping) return;
    this.dropping = true;
    stats.pingFloods++;
    logger.warn(
      `ping flood on ${this.who}: more than ${describeRate(limits.pingLimit).replace('frame', 'ping')} ` +
        '(--ping-limit); closed with 1008',
      { connection_id: this.connection.id, user_id: this.connection.userId, close_code: 1008 },
    );
    this.ws.close(1008, 'Too many pings');
  }

  /** WebSocket-level errors: ws has already closed the socket with the matching code. */
  private failed(err: Error & { code?: string }): void {
    const { logger, limits, stats } = this.ctx;
    switch (err.code) {
      case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
        stats.oversizedFrames++;
        return logger.warn(
          `frame too large on ${this.who}: the limit is ${limits.maxPayload} bytes (maxPayload); closed with 1009`,
          { connection_id: this.connection.id, user_id: this.connection.userId, close_code: 1009 },
        );
      case 'WS_ERR_INVALID_UTF8':
        stats.invalidUtf8Frames++;
        return logger.warn(`a text frame that is not UTF-8 on ${this.who}; closed with 1007`, {
          connection_id: this.connection.id,
          user_id: this.connection.userId,
          close_code: 1007,
        });
      case 'WS_ERR_TOO_MANY_BUFFERED_PARTS':
        stats.fragmentFloods++;
        return logger.warn(
          `a message in more than ${limits.maxFragments} fragments on ${this.who} (--max-fragments); closed with 1008`,
          { connection_id: this.connection.id, user_id: this.connection.userId, close_code: 1008 },
        );
      case undefined:
        return logger.info(`socket error on ${this.connection.id}: ${err.message}`);
      default:
        stats.protocolErrors++;
        return logger.warn(`WebSocket protocol error on ${this.who}: ${err.message} (${err.code})`, {
          connection_id: this.connection.id,
          user_id: this.connection.userId,
        });
    }
  }

  /** Stops sending to a client that does not read: close with 1013, destroy if that cannot get through. */
  private dropSlow(): void {
    const { ws } = this;
    const { logger, limits, stats } = this.ctx;
    this.dropping = true;
    stats.slowClientsDropped++;
    logger.warn(
      `dropping slow client ${this.who}: ${ws.bufferedAmount} bytes not yet sent, over the limit of ` +
        `${limits.maxBufferedBytes} (maxBufferedBytes); closing with 1013`,
      { connection_id: this.connection.id, user_id: this.connection.userId, buffered: ws.bufferedAmount },
    );
    const timer = setTimeout(() => ws.terminate(), SLOW_CLOSE_GRACE_MS);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
    ws.close(1013, 'Too slow: the client does not read its frames');
  }

  /** The heartbeat's tick: drop the socket if the last ping went unanswered, else ping again. */
  heartbeat(): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    if (!this.alive) {
      this.ctx.stats.deadConnectionsDropped++;
      this.ctx.logger.warn(`no answer to a ping from ${this.who}: connection dropped`, {
        connection_id: this.connection.id,
        user_id: this.connection.userId,
      });
      ws.terminate();
      return;
    }
    this.alive = false;
    ws.ping();
  }
}
