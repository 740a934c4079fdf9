// The WebSocket side: upgrade on /ws/chats/ (and /ws/chat/), authentication with HTTP 403
// refusals, text and binary frames to the hub, heartbeat, and closing every socket with 1001.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type TokenSource, authenticate, maskToken, presentedToken } from './auth.js';
import type { Connection } from './connections.js';
import type { Hub } from './hub.js';
import type { MockLogger } from './log.js';

export const WS_PATHS: ReadonlySet<string> = new Set(['/ws/chats/', '/ws/chats', '/ws/chat/', '/ws/chat']);

export interface GatewayOptions {
  hub: Hub;
  logger: MockLogger;
  jwtSecret?: string | undefined;
  maxPayload: number;
  /** How often dead sockets are looked for (ping/pong). */
  heartbeatMs?: number;
}

interface Live {
  ws: WebSocket;
  alive: boolean;
}

function refuse(socket: Duplex, status: 403 | 404 | 503, reason: string): void {
  const text = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status];
  const body = `${reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly live = new Set<Live>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 0;
  private closing = false;

  constructor(private readonly options: GatewayOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: options.maxPayload,
      handleProtocols: (protocols) => (protocols.has('Bearer') ? 'Bearer' : false),
    });
    this.heartbeat = setInterval(() => this.sweep(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** The http server's `upgrade` handler. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    const remote = request.socket.remoteAddress;
    const { logger, hub } = this.options;
    if (this.closing) return refuse(socket, 503, 'The server is shutting down');
    if (!WS_PATHS.has(url.pathname)) {
      logger.connection({
        event: 'refused',
        path: url.pathname,
        reason: 'no WebSocket endpoint here (use /ws/chats/)',
        ...(remote ? { remote } : {}),
      });
      return refuse(socket, 404, `No WebSocket endpoint at ${url.pathname}: use /ws/chats/`);
    }
    const presented = presentedToken(request, url);
    const result = presented
      ? authenticate(presented.token, {
          tokens: hub.tokenIndex(),
          isKnownUser: (id) => hub.world.users.has(id),
          jwtSecret: this.options.jwtSecret,
          nowMs: Date.now(),
        })
      : {
          ok: false as const,
          reason: 'no token (send Authorization: Bearer <token>, ?token=<token>, or the subprotocols Bearer, <token>)',
        };
    if (!result.ok) {
      logger.connection({
        event: 'refused',
        path: url.pathname,
        reason: result.reason,
        ...(presented ? { token: maskToken(presented.token), via: presented.via } : {}),
      });
      return refuse(socket, 403, `Forbidden: ${result.reason}`);
    }
    const via = presented?.via ?? 'header';
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, result.userId, via, presented?.token ?? ''));
  };

  private accept(ws: WebSocket, userId: number, via: TokenSource, token: string): void {
    const { hub, logger } = this.options;
    const entry: Live = { ws, alive: true };
    this.live.add(entry);
    const connection: Connection = {
      id: `c${++this.nextId}`,
      userId,
      via,
      openedAt: new Date().toISOString(),
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    logger.connection({ event: 'open', userId, connectionId: connection.id, via, token: maskToken(token) });
    ws.on('pong', () => {
      entry.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      try {
        const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        if (isBinary) hub.receiveBinary(connection, buffer.length);
        else hub.receiveText(connection, buffer.toString('utf8'));
      } catch (err) {
        // The hub answers handling errors itself; this is a bug around it. Never crash the server.
        logger.error('BUG: a frame could not be processed', {
          connection: connection.id,
          error: err instanceof Error ? err.stack : String(err),
        });
      }
    });
    ws.on('error', (err) => logger.info(`socket error on ${connection.id}: ${err.message}`));
    ws.on('close', (code, reason) => {
      this.live.delete(entry);
      hub.disconnected(connection);
      logger.connection({ event: 'close', userId, connectionId: connection.id, code, reason: reason.toString() });
    });
    hub.connected(connection);
  }

  /** Terminates sockets that did not answer the last ping, and pings the others. */
  private sweep(): void {
    for (const entry of this.live) {
      if (!entry.alive) {
        entry.ws.terminate();
        continue;
      }
      entry.alive = false;
      entry.ws.ping();
    }
  }

  /** Closes every socket with 1001 (terminating those that do not finish within `graceMs`). */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.options.hub.shutdown();
    const sockets = [...this.live].map((entry) => entry.ws);
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
