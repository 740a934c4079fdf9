// Who may open a socket: the checks of an upgrade request, in order, each with the HTTP status and
// the short plain-text reason it is refused with. Pure: no sockets, so every branch is testable.
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type TokenSource, authenticate, maskToken, presentedToken } from './auth.js';
import type { Limits } from './limits.js';
import { type OriginPolicy, checkHost, checkOrigin } from './origin-policy.js';

export const WS_PATHS: ReadonlySet<string> = new Set(['/ws/chats/', '/ws/chats', '/ws/chat/', '/ws/chat']);

export type RefusalStatus = 403 | 404 | 429 | 503;

export interface Refusal {
  ok: false;
  status: RefusalStatus;
  /** The response body (one line). */
  body: string;
  /** For the log line: why, and what is known of the client (the token masked). */
  reason: string;
  path: string;
  userId?: number;
  token?: string;
  via?: TokenSource;
  origin?: string;
}

export interface Admitted {
  ok: true;
  userId: number;
  via: TokenSource;
  token: string;
}

export interface AdmissionContext {
  limits: Pick<Limits, 'maxConnections' | 'maxConnectionsPerUser'>;
  /** Which Host names and browser pages may connect. */
  policy: OriginPolicy;
  closing: boolean;
  /** Sockets open now. */
  openConnections: number;
  connectionsOf: (userId: number) => number;
  tokens: ReadonlyMap<string, number>;
  isKnownUser: (userId: number) => boolean;
  jwtSecret: string | undefined;
  nowMs: number;
}

const NO_TOKEN = 'no token (send Authorization: Bearer <token>, ?token=<token>, or the subprotocols Bearer, <token>)';

/**
 * The verdict on an upgrade: shutting down (503), no endpoint there (404), a Host that does not
 * name the mock or a browser page of another origin (403), too many sockets in all (503), no valid
 * token (403), too many sockets of that user (429) — or the user it authenticates.
 */
export function admit(request: IncomingMessage, url: URL, ctx: AdmissionContext): Admitted | Refusal {
  const path = url.pathname;
  const refuse = (status: RefusalStatus, reason: string, body: string, extra: Partial<Refusal> = {}): Refusal => ({
    ok: false,
    status,
    reason,
    body,
    path,
    ...extra,
  });
  if (ctx.closing) return refuse(503, 'shutting down', 'The server is shutting down');
  if (!WS_PATHS.has(path))
    return refuse(
      404,
      'no WebSocket endpoint here (use /ws/chats/)',
      `No WebSocket endpoint at ${path}: use /ws/chats/`,
    );
  const host = checkHost(request.headers.host, ctx.policy);
  if (!host.ok) return refuse(403, host.reason, `Forbidden: ${host.reason}`);
  const { origin } = request.headers;
  const page = checkOrigin(origin, request.headers.host, undefined, ctx.policy);
  if (!page.ok) return refuse(403, page.reason, `Forbidden: ${page.reason}`, { origin: origin ?? '' });
  const { maxConnections, maxConnectionsPerUser } = ctx.limits;
  if (ctx.openConnections >= maxConnections) {
    const reason = `too many connections (${maxConnections} open, the limit): try again later`;
    return refuse(503, reason, `Service Unavailable: ${reason}`);
  }
  const presented = presentedToken(request, url);
  if (!presented) return refuse(403, NO_TOKEN, `Forbidden: ${NO_TOKEN}`);
  const masked = { token: maskToken(presented.token), via: presented.via };
  const result = authenticate(presented.token, {
    tokens: ctx.tokens,
    isKnownUser: ctx.isKnownUser,
    jwtSecret: ctx.jwtSecret,
    nowMs: ctx.nowMs,
  });
  if (!result.ok) return refuse(403, result.reason, `Forbidden: ${result.reason}`, masked);
  if (ctx.connectionsOf(result.userId) >= maxConnectionsPerUser) {
    const reason = `user ${result.userId} has ${maxConnectionsPerUser} connections open, the limit per user: close one first`;
    return refuse(429, reason, `Too Many Requests: ${reason}`, { ...masked, userId: result.userId });
  }
  return { ok: true, userId: result.userId, via: presented.via, token: presented.token };
}

/** Header values that cannot split the response: no control characters. */
const safeHeader = (value: string): string => value.replace(/[\x00-\x1f\x7f]/g, ' ');

/**
 * Answers an upgrade request with a plain-text HTTP refusal (and `headers`, e.g. Retry-After) and
 * closes the socket.
 */
export function writeRefusal(socket: Duplex, status: number, body: string, headers: Record<string, string> = {}): void {
  const text = `${body}\n`;
  const extra = Object.entries(headers)
    .map(([name, value]) => `${safeHeader(name)}: ${safeHeader(value)}\r\n`)
    .join('');
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `${extra}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
