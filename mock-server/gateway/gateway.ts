// The WebSocket side: upgrades on /ws/chats/ (and /ws/chat/) admitted or refused with a plain-text
// HTTP status, sessions for the accepted sockets, the heartbeat, and closing every socket with 1001.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { admit, writeRefusal } from './admission.js';
import type { Faults } from '../faults/index.js';
import type { TokenSource } from './auth.js';
import type { Hub } from '../hub/hub.js';
import type { Limits } from './limits.js';
import type { OriginPolicy } from './origin-policy.js';
import type { MockLogger } from '../traffic/log.js';
import { type GatewayStats, SocketSession, emptyGatewayStats } from './socket-session.js';

export { WS_PATHS } from './admission.js';
export type { GatewayStats } from './socket-session.js';

export interface GatewayOptions {
  hub: Hub;
  logger: MockLogger;
  jwtSecret?: string | undefined;
  limits: Limits;
  /** Which Host names and browser pages may open a socket. */
  policy: OriginPolicy;
  /** Faults on demand (issue 16): outages refuse upgrades; the rest acts on the sessions. */
  faults: Faults;
}

export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<SocketSession>();
  private readonly heartbeat: NodeJS.Timeout | null;
  private readonly counts: GatewayStats = emptyGatewayStats();
  private nextId = 0;
  private closing = false;

  constructor(private readonly options: GatewayOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: options.limits.maxPayload,
      maxFragments: options.limits.maxFragments,
      handleProtocols: (protocols) => (protocols.has('Bearer') ? 'Bearer' : false),
    });
    const every = options.limits.heartbeatMs;
    this.heartbeat = every > 0 ? setInterval(() => this.sweep(), every) : null;
    this.heartbeat?.unref();
    options.faults.setConnections(() => this.sessions);
  }

  /** Counts of what the limits refused or cut short. */
  stats(): GatewayStats {
    return { ...this.counts, refused: { ...this.counts.refused } };
  }

  /** The http server's `upgrade` handler. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const { logger, hub, limits } = this.options;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const outage = this.closing ? null : this.options.faults.refusal();
    if (outage) {
      logger.connection({
        event: 'refused',
        status: outage.status,
        path: url.pathname.slice(0, 200),
        reason: outage.reason,
      });
      return writeRefusal(socket, outage.status, outage.body, outage.headers);
    }
    const verdict = admit(request, url, {
      limits,
      policy: this.options.policy,
      closing: this.closing,
      openConnections: this.sessions.size,
      connectionsOf: (userId) => hub.connections.forUser(userId)?.size ?? 0,
      tokens: hub.tokenIndex(),
      isKnownUser: (id) => hub.world.users.has(id),
      jwtSecret: this.options.jwtSecret,
      nowMs: Date.now(),
    });
    if (!verdict.ok) {
      this.counts.refused[verdict.status]++;
      const remote = request.socket.remoteAddress;
      const { status, path, reason, userId, token, via, origin } = verdict;
      if (!this.closing)
        logger.connection({
          event: 'refused',
          status,
          path,
          reason,
          ...(userId !== undefined ? { userId } : {}),
          ...(token !== undefined ? { token, via } : {}),
          ...(origin !== undefined ? { origin } : {}),
          ...(remote ? { remote } : {}),
        });
      return writeRefusal(socket, verdict.status, verdict.body);
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, verdict.userId, verdict.via, verdict.token));
  };

  private accept(ws: WebSocket, userId: number, via: TokenSource, token: string): void {
    const { hub, logger, limits } = this.options;
    const { faults } = this.options;
    const session = new SocketSession(
      ws,
      { hub, logger, limits, stats: this.counts, faults },
      `c${++this.nextId}`,
      userId,
      via,
      token,
    );
    const { connection } = session;
    this.sessions.add(session);
    ws.on('close', (code, reason) => {
      this.sessions.delete(session);
      hub.disconnected(connection);
      logger.connection({ event: 'close', userId, connectionId: connection.id, code, reason: reason.toString() });
    });
    hub.connected(connection);
    if (faults.active) faults.opened(session);
  }

  /** Drops the sockets that did not answer the last ping, and pings the others. */
  private sweep(): void {
    const { faults } = this.options;
    for (const session of this.sessions) if (!faults.active || !faults.isStalled(session)) session.heartbeat();
  }

  /** Closes every socket with 1001 (terminating those that do not finish within `graceMs`). */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.options.hub.shutdown();
    const sockets = [...this.sessions].map((session) => session.ws);
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const timer = setTimeout(() => ws.terminate(), graceMs);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1001, 'Server shutting down');
          }),
      ),
    );
    this.wss.close();
  }
}
