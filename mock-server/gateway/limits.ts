// The gateway's limits: their defaults, checking the values a caller gives, and reading those
// that come as text (`--rate-limit 50/1s`, `--allowed-origin https://app.example`, `--allowed-host`).
import { readFileSync } from 'node:fs';

/** At most `frames` frames per `perMs` milliseconds on one connection (bursts up to `frames`). */
export interface RateLimit {
  frames: number;
  perMs: number;
}

export interface Limits {
  /** The largest frame accepted, in bytes; a larger one closes the socket with 1009. */
  maxPayload: number;
  /** Open sockets in total; one more is refused at the upgrade with HTTP 503. */
  maxConnections: number;
  /** Open sockets of one user; one more is refused at the upgrade with HTTP 429. */
  maxConnectionsPerUser: number;
  /** Frames over it are answered with a `rate_limited` error and not applied; null: no limit. */
  rateLimit: RateLimit | null;
  /**
   * Browser origins allowed besides the mock's own and loopback ones (an upgrade or request without
   * `Origin` always is); "any" when `*` was given. See origin-policy.ts.
   */
  allowedOrigins: ReadonlySet<string> | 'any';
  /** Host names allowed besides the mock's own (loopback names, the bound address); "any" when `*` was given. */
  allowedHosts: ReadonlySet<string> | 'any';
  /** Ping period; a socket that has not answered the previous ping by the next is dropped. 0: off. */
  heartbeatMs: number;
  /** Bytes queued for a socket beyond which it is dropped as a slow reader (closed with 1013). */
  maxBufferedBytes: number;
  /**
   * TCP sockets open at once (HTTP, WebSocket, or not yet either); one more is answered 503 and
   * closed at once. Below the process's open-file limit, so the mock never runs out of descriptors.
   */
  maxSockets: number;
  /** A connection that has not completed its HTTP request or upgrade by then is closed. 0: off. */
  handshakeTimeoutMs: number;
  /** Pings a client may send; more close the socket with 1008. null: no limit. */
  pingLimit: RateLimit | null;
  /** Fragments one message may come in; more close the socket with 1008. */
  maxFragments: number;
}

/** The soft limit on open files of this process (Linux), or null where it cannot be read. */
export function openFileLimit(): number | null {
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(text);
    return match?.[1] && match[1] !== 'unlimited' ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Sockets left for listening, files (docs, fixtures, state) and the process itself. */
const RESERVED_DESCRIPTORS = 64;

/** The default socket cap: the open-file limit less a reserve, and at most 20000. */
export function defaultMaxSockets(limit = openFileLimit()): number {
  return Math.max(16, Math.min(20_000, (limit ?? 1024) - RESERVED_DESCRIPTORS));
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxPayload: 64 * 1024,
  maxConnections: 10_000,
  maxConnectionsPerUser: 20,
  rateLimit: null,
  allowedOrigins: new Set(),
  allowedHosts: new Set(),
  heartbeatMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxSockets: defaultMaxSockets(),
  handshakeTimeoutMs: 10_000,
  pingLimit: { frames: 100, perMs: 10_000 },
  maxFragments: 1024,
};

export interface LimitOptions {
  maxPayload?: number | undefined;
  maxConnections?: number | undefined;
  maxConnectionsPerUser?: number | undefined;
  /** An object, or text such as "50/1s", "200/500ms", "1000/1m". */
  rateLimit?: RateLimit | string | null | undefined;
  /** Origins such as "http://192.168.1.5:5173"; "*" allows any. */
  allowedOrigins?: readonly string[] | null | undefined;
  /** Host names such as "dev.example.test"; "*" allows any. */
  allowedHosts?: readonly string[] | null | undefined;
  heartbeatMs?: number | undefined;
  maxBufferedBytes?: number | undefined;
  maxSockets?: number | undefined;
  handshakeTimeoutMs?: number | undefined;
  /** An object, or text such as "100/10s"; null: no limit. */
  pingLimit?: RateLimit | string | null | undefined;
  maxFragments?: number | undefined;
}

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  return value;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** "50/1s", "50/s", "200/500ms", "1000/1m" -> { frames, perMs }. */
export function parseRateLimit(text: string): RateLimit {
  const match = /^\s*(\d+)\s*\/\s*(\d+)?\s*(ms|s|m)\s*$/.exec(text);
  const frames = Number(match?.[1]);
  const perMs = Number(match?.[2] ?? 1) * (UNIT_MS[match?.[3] ?? ''] ?? NaN);
  if (!match || !(frames >= 1) || !(perMs >= 1) || !Number.isSafeInteger(frames) || !Number.isSafeInteger(perMs))
    throw new RangeError(`a rate limit looks like 50/1s, 200/500ms or 1000/1m (frames per period), got "${text}"`);
  return { frames, perMs };
}

/** An origin as browsers send it: `scheme://host[:port]`, lower case, default port left out ("*": any). */
export function normalizeOrigin(origin: string): string {
  if (origin.trim() === 'null') return 'null';
  if (origin.trim() === '*') return '*';
  let url: URL | null = null;
  try {
    url = new URL(origin.trim());
  } catch {
    // said below
  }
  if (!url || url.origin === 'null')
    throw new RangeError(
      `an allowed origin looks like https://app.example.com or http://localhost:5173, got "${origin}"`,
    );
  return url.origin;
}

/** A host name as a Host header names it: lower case, without brackets or port ("*": any). */
export function normalizeHostName(host: string): string {
  const name = host.trim().toLowerCase();
  if (name === '*') return '*';
  if (!/^(?:[a-z0-9-_.]+|\[?[0-9a-f:.]+\]?)$/.test(name) || name === '')
    throw new RangeError(`an allowed host is a name or address such as dev.example.test, got "${host}"`);
  return name.replace(/^\[|\]$/g, '');
}

const anyOr = (values: readonly string[] | null | undefined, normalize: (v: string) => string) => {
  const set = new Set((values ?? []).map(normalize));
  return set.has('*') ? ('any' as const) : set;
};

function rateOf(name: string, rate: RateLimit | string | null | undefined, fallback: RateLimit | null) {
  if (rate === undefined) return fallback;
  if (rate === null) return null;
  const parsed = typeof rate === 'string' ? parseRateLimit(rate) : rate;
  for (const key of ['frames', 'perMs'] as const) whole(`${name}.${key}`, parsed[key], 1, 1);
  return { frames: parsed.frames, perMs: parsed.perMs };
}

/** The limits in force: the defaults, overridden by what the caller gave (each value checked). */
export function resolveLimits(options: LimitOptions = {}): Limits {
  const rateLimit = rateOf('rateLimit', options.rateLimit, null);
  return {
    maxPayload: whole('maxPayload', options.maxPayload, DEFAULT_LIMITS.maxPayload, 1),
    maxConnections: whole('maxConnections', options.maxConnections, DEFAULT_LIMITS.maxConnections, 1),
    maxConnectionsPerUser: whole(
      'maxConnectionsPerUser',
      options.maxConnectionsPerUser,
      DEFAULT_LIMITS.maxConnectionsPerUser,
      1,
    ),
    rateLimit,
    allowedOrigins: anyOr(options.allowedOrigins, normalizeOrigin),
    allowedHosts: anyOr(options.allowedHosts, normalizeHostName),
    heartbeatMs: whole('heartbeatMs', options.heartbeatMs, DEFAULT_LIMITS.heartbeatMs, 0),
    maxBufferedBytes: whole('maxBufferedBytes', options.maxBufferedBytes, DEFAULT_LIMITS.maxBufferedBytes, 1),
    maxSockets: whole('maxSockets', options.maxSockets, DEFAULT_LIMITS.maxSockets, 1),
    handshakeTimeoutMs: whole('handshakeTimeoutMs', options.handshakeTimeoutMs, DEFAULT_LIMITS.handshakeTimeoutMs, 0),
    pingLimit: rateOf('pingLimit', options.pingLimit, DEFAULT_LIMITS.pingLimit),
    maxFragments: whole('maxFragments', options.maxFragments, DEFAULT_LIMITS.maxFragments, 1),
  };
}

/** "1 frame per 1 s" style text for messages. */
export function describeRate(limit: RateLimit): string {
  const period = limit.perMs % 1000 === 0 ? `${limit.perMs / 1000} s` : `${limit.perMs} ms`;
  return `${limit.frames} frame${limit.frames === 1 ? '' : 's'} per ${period}`;
}
