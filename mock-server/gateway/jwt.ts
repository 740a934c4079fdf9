// HS256 JSON Web Tokens with node:crypto: enough to mint the fixture users' tokens and to read
// (and, when a secret is configured, verify) the tokens clients present.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The secret the fixture tokens are signed with when no `jwtSecret` is configured. */
export const DEFAULT_DEV_SECRET = 'chats-ws-protocol-mock-dev-secret';

/** 2100-01-01T00:00:00Z: "never" for a development token. */
export const FAR_FUTURE_EXP = 4_102_444_800;

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

const sign = (input: string, secret: string): string => createHmac('sha256', secret).update(input).digest('base64url');

export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${sign(input, secret)}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsePart(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The parts of a compact JWT, or null when it is not one. Checks nothing about the signature. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h = '', p = '', signature = ''] = parts;
  const header = parsePart(h);
  const payload = parsePart(p);
  if (!header || !payload) return null;
  return { header, payload, signingInput: `${h}.${p}`, signature };
}

export type JwtCheck = { ok: true } | { ok: false; reason: string };

/** Checks an HS256 signature and, when present, `exp` (seconds since the epoch). */
export function verifyJwt(decoded: DecodedJwt, secret: string, nowMs: number): JwtCheck {
  if (decoded.header.alg !== 'HS256')
    return { ok: false, reason: `unsupported JWT algorithm ${String(decoded.header.alg)}` };
  const expected = Buffer.from(sign(decoded.signingInput, secret));
  const actual = Buffer.from(decoded.signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: 'bad JWT signature' };
  return checkExpiry(decoded, nowMs);
}

/** `exp` (seconds since the epoch), when present, must lie ahead: a real backend refuses expired tokens. */
export function checkExpiry(decoded: DecodedJwt, nowMs: number): JwtCheck {
  const exp = decoded.payload.exp;
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= nowMs))
    return { ok: false, reason: 'JWT expired' };
  return { ok: true };
}
