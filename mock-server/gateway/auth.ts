// Handshake authentication: where the token comes from, and which user it names.
import type { IncomingMessage } from 'node:http';
import { checkExpiry, decodeJwt, verifyJwt } from './jwt.js';

export type TokenSource = 'header' | 'subprotocol' | 'query';

export interface PresentedToken {
  token: string;
  via: TokenSource;
}

/** The values of `Sec-WebSocket-Protocol`, in order. */
export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/**
 * The token of a handshake: `Authorization: Bearer <token>`, else the subprotocol pair
 * `Bearer, <token>`, else `?token=<token>`.
 */
export function presentedToken(request: IncomingMessage, url: URL): PresentedToken | null {
  const authorization = request.headers.authorization;
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (match?.[1]) return { token: match[1], via: 'header' };
  const protocols = offeredProtocols(request);
  const at = protocols.indexOf('Bearer');
  const fromProtocol = at >= 0 ? protocols[at + 1] : undefined;
  if (fromProtocol) return { token: fromProtocol, via: 'subprotocol' };
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return { token: fromQuery, via: 'query' };
  return null;
}

export interface AuthOptions {
  /** Fixture tokens, each naming its user. */
  tokens: ReadonlyMap<string, number>;
  isKnownUser: (userId: number) => boolean;
  /** When set, a JWT's HS256 signature must check out too. */
  jwtSecret?: string | undefined;
  nowMs: number;
}

export type AuthResult = { ok: true; userId: number } | { ok: false; reason: string };

/**
 * The user a token stands for: a fixture token, or a JWT with a numeric `user_id` of a known user
 * that has not expired (its signature is checked only when a secret is configured).
 */
export function authenticate(token: string, options: AuthOptions): AuthResult {
  const fixtureUser = options.tokens.get(token);
  if (fixtureUser !== undefined && options.isKnownUser(fixtureUser)) return { ok: true, userId: fixtureUser };
  const decoded = decodeJwt(token);
  if (!decoded) return { ok: false, reason: 'unknown token (neither a fixture token nor a JWT)' };
  const userId = decoded.payload.user_id;
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId))
    return { ok: false, reason: 'the JWT has no numeric user_id claim' };
  if (!options.isKnownUser(userId)) return { ok: false, reason: `user ${userId} does not exist` };
  // The signature only when a secret is configured; the expiry always, as a real backend would.
  const check =
    options.jwtSecret !== undefined
      ? verifyJwt(decoded, options.jwtSecret, options.nowMs)
      : checkExpiry(decoded, options.nowMs);
  if (!check.ok) return check;
  return { ok: true, userId };
}

/** A token as logs show it: its first 6 characters. */
export const maskToken = (token: string): string => (token.length <= 6 ? '…' : `${token.slice(0, 6)}…`);
