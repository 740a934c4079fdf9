// Every TCP socket the HTTP server accepts, before it is a request or a WebSocket: at most
// `maxSockets` at once (one more is answered 503 and closed at once, so the process never runs out
// of file descriptors), and each must complete its request or upgrade within
// `handshakeTimeoutMs` (a socket that never sends a byte, or trickles its headers, is closed).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Limits } from './limits.js';

export interface SocketStats {
  /** Sockets open now. */
  open: number;
  /** Sockets answered 503 and closed because `maxSockets` were open. */
  refused: number;
  /** Sockets closed for not completing a request or upgrade in time. */
  handshakeTimeouts: number;
}

export interface SocketGuard {
  stats(): SocketStats;
  /** Clears the timers (the server is closing). */
  close(): void;
}

const BUSY_BODY = 'Service Unavailable: too many open sockets (--max-sockets); try again later\n';
const BUSY =
  'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n' +
  `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(BUSY_BODY)}\r\n\r\n${BUSY_BODY}`;

/** How often a burst of refusals is summed up in one log line, not one line per socket. */
const REFUSAL_LOG_MS = 1000;

export function guardSockets(
  server: Server,
  limits: Pick<Limits, 'maxSockets' | 'handshakeTimeoutMs'>,
  warn: (message: string) => void,
): SocketGuard {
  const pending = new Map<Socket, NodeJS.Timeout>();
  const open = new Set<Socket>();
  const counts = { refused: 0, handshakeTimeouts: 0 };
  let unreported = 0;
  let reportTimer: NodeJS.Timeout | null = null;

  const reportRefusals = (): void => {
    reportTimer = null;
    if (unreported === 0) return;
    warn(
      `refused ${unreported} socket${unreported > 1 ? 's' : ''} with HTTP 503: ${limits.maxSockets} were open, ` +
        'the limit (--max-sockets)',
    );
    unreported = 0;
  };

  const spoke = (socket: Socket): void => {
    const timer = pending.get(socket);
    if (timer) clearTimeout(timer);
    pending.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    if (open.size >= limits.maxSockets) {
      counts.refused++;
      unreported++;
      reportTimer ??= setTimeout(reportRefusals, REFUSAL_LOG_MS).unref();
      socket.on('error', () => socket.destroy());
      socket.end(BUSY);
      socket.destroySoon();
      return;
    }
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      spoke(socket);
    });
    if (limits.handshakeTimeoutMs > 0) {
      const timer = setTimeout(() => {
        pending.delete(socket);
        counts.handshakeTimeouts++;
        warn(
          `closed a connection from ${socket.remoteAddress ?? '?'} that sent no complete request or upgrade ` +
            `within ${limits.handshakeTimeoutMs} ms (--handshake-timeout)`,
        );
        socket.destroy();
      }, limits.handshakeTimeoutMs);
      timer.unref();
      pending.set(socket, timer);
    }
  });
  server.on('request', (req: { socket: Socket }) => spoke(req.socket));
  server.on('upgrade', (req: { socket: Socket }) => spoke(req.socket));

  return {
    stats: () => ({ open: open.size, ...counts }),
    close: () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      if (reportTimer) clearTimeout(reportTimer);
      reportRefusals();
    },
  };
}
