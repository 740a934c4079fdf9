// The gateway's limits: their defaults, checking the values a caller gives, and reading the two
// that come as text (`--rate-limit 50/1s`, `--allowed-origin https://app.example`).

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
  /** Browser origins allowed to connect (an upgrade without `Origin` always is); null: any. */
  allowedOrigins: ReadonlySet<string> | null;
  /** Ping period; a socket that has not answered the previous ping by the next is dropped. 0: off. */
  heartbeatMs: number;
  /** Bytes queued for a socket beyond which it is dropped as a slow reader (closed with 1013). */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxPayload: 64 * 1024,
  maxConnections: 10_000,
  maxConnectionsPerUser: 20,
  rateLimit: null,
  allowedOrigins: null,
  heartbeatMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
};

export interface LimitOptions {
  maxPayload?: number | undefined;
  maxConnections?: number | undefined;
  maxConnectionsPerUser?: number | undefined;
  /** An object, or text such as "50/1s", "200/500ms", "1000/1m". */
  rateLimit?: RateLimit | string | null | undefined;
  allowedOrigins?: readonly string[] | null | undefined;
  heartbeatMs?: number | undefined;
  maxBufferedBytes?: number | undefined;
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

/** An origin as browsers send it: `scheme://host[:port]`, lower case, default port left out. */
export function normalizeOrigin(origin: string): string {
  if (origin.trim() === 'null') return 'null';
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

/** The limits in force: the defaults, overridden by what the caller gave (each value checked). */
export function resolveLimits(options: LimitOptions = {}): Limits {
  const rate = options.rateLimit;
  const rateLimit = rate === undefined || rate === null ? null : typeof rate === 'string' ? parseRateLimit(rate) : rate;
  if (rateLimit) for (const key of ['frames', 'perMs'] as const) whole(`rateLimit.${key}`, rateLimit[key], 1, 1);
  const origins = options.allowedOrigins;
  return {
    maxPayload: whole('maxPayload', options.maxPayload, DEFAULT_LIMITS.maxPayload, 1),
    maxConnections: whole('maxConnections', options.maxConnections, DEFAULT_LIMITS.maxConnections, 1),
    maxConnectionsPerUser: whole(
      'maxConnectionsPerUser',
      options.maxConnectionsPerUser,
      DEFAULT_LIMITS.maxConnectionsPerUser,
      1,
    ),
    rateLimit: rateLimit ? { frames: rateLimit.frames, perMs: rateLimit.perMs } : null,
    allowedOrigins: origins === undefined || origins === null ? null : new Set(origins.map(normalizeOrigin)),
    heartbeatMs: whole('heartbeatMs', options.heartbeatMs, DEFAULT_LIMITS.heartbeatMs, 0),
    maxBufferedBytes: whole('maxBufferedBytes', options.maxBufferedBytes, DEFAULT_LIMITS.maxBufferedBytes, 1),
  };
}

/** Whether a handshake's `Origin` header may connect. No header (not a browser): always. */
export function originAllowed(limits: Pick<Limits, 'allowedOrigins'>, origin: string | undefined): boolean {
  if (limits.allowedOrigins === null || origin === undefined) return true;
  let normalized: string;
  try {
    normalized = normalizeOrigin(origin);
  } catch {
    return false;
  }
  return limits.allowedOrigins.has(normalized);
}

/** "1 frame per 1 s" style text for messages. */
export function describeRate(limit: RateLimit): string {
  const period = limit.perMs % 1000 === 0 ? `${limit.perMs / 1000} s` : `${limit.perMs} ms`;
  return `${limit.frames} frame${limit.frames === 1 ? '' : 's'} per ${period}`;
}
