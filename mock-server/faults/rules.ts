// What a fault is asked for with: the bodies of POST /__mock/faults, /disconnect, /outage and
// /stall (and the CLI flags, which build the same objects), read into checked values. Results,
// not exceptions: every problem with the input is listed, each naming its field.

/** As in the traffic log: "in" client → server, "out" server → client. */
export type FaultDirection = 'in' | 'out';

/** A degraded link: what happens to each frame that matches it (Toxiproxy's latency, plus loss). */
export interface LinkSpec {
  /** Added to every matching frame's delivery, in ms. */
  latency_ms: number;
  /** ± this much more, drawn per frame (seeded); frames still arrive in order. */
  jitter_ms: number;
  /** The share of matching frames that never arrive, 0 to 1. */
  drop_rate: number;
  /** The share of matching frames that arrive twice, 0 to 1. */
  duplicate_rate: number;
  /** Only this user's connections; null: everyone's. */
  user: number | null;
  /** Only frames going this way; null: both. */
  direction: FaultDirection | null;
  /** Seeds the draws (jitter, drop, duplicate) of each connection, so a run can be reproduced. */
  seed: number;
}

/** A link rule in force: its spec, an id (DELETE /__mock/faults/:id) and when it began. */
export interface LinkRule extends LinkSpec {
  id: number;
  since: string;
}

export interface DisconnectSpec {
  /** Only this user's connections; null: every connection. */
  user: number | null;
  code: number;
  reason: string;
}

export interface OutageSpec {
  seconds: number;
  /** The HTTP status upgrades are refused with meanwhile. */
  status: number;
}

export interface StallSpec {
  /** Only this user's connections; null: every connection. */
  user: number | null;
  /** Ends by itself after this long; null: until DELETE /__mock/stall (or /faults). */
  seconds: number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The close code of a disconnect unless one is given: 1012, "service restart". */
export const DEFAULT_CLOSE_CODE = 1012;
export const DEFAULT_CLOSE_REASON = 'Service restart';
export const DEFAULT_OUTAGE_STATUS = 503;
/** The longest delay, outage or stall one may ask for: a day. */
export const MAX_FAULT_SECONDS = 86_400;

/** The codes a server may send in a close frame (RFC 6455 7.4, as `ws` accepts them). */
export const isSendableCloseCode = (code: number): boolean =>
  Number.isInteger(code) &&
  ((code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999));

type Fields = Record<string, unknown>;

/** The body as an object of fields: nothing (no body) is {}, anything else but an object is a problem. */
function fieldsOf(body: unknown, allowed: readonly string[], errors: string[]): Fields {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    errors.push(`the body must be a JSON object with the fields ${allowed.join(', ')}`);
    return {};
  }
  const fields = body as Fields;
  for (const key of Object.keys(fields))
    if (!allowed.includes(key))
      errors.push(`unknown field "${key.slice(0, 60)}": the fields are ${allowed.join(', ')}`);
  return fields;
}

function numberField(fields: Fields, name: string, min: number, max: number, errors: string[], integer = false) {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    errors.push(
      `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)?.slice(0, 60)}`,
    );
    return undefined;
  }
  return value;
}

function userField(fields: Fields, errors: string[]): number | null {
  const user = numberField(fields, 'user', 1, Number.MAX_SAFE_INTEGER, errors, true);
  return user ?? null;
}

const LINK_FIELDS = ['latency_ms', 'jitter_ms', 'drop_rate', 'duplicate_rate', 'user', 'direction', 'seed'] as const;

/** POST /__mock/faults: a degraded link. At least one of latency, jitter, drop or duplicate must do something. */
export function parseLinkSpec(body: unknown, defaultSeed: number): Parsed<LinkSpec> {
  const errors: string[] = [];
  const fields = fieldsOf(body, LINK_FIELDS, errors);
  const maxMs = MAX_FAULT_SECONDS * 1000;
  const latency = numberField(fields, 'latency_ms', 0, maxMs, errors, true) ?? 0;
  const jitter = numberField(fields, 'jitter_ms', 0, maxMs, errors, true) ?? 0;
  const drop = numberField(fields, 'drop_rate', 0, 1, errors) ?? 0;
  const duplicate = numberField(fields, 'duplicate_rate', 0, 1, errors) ?? 0;
  const seed = numberField(fields, 'seed', 0, 2 ** 32 - 1, errors, true) ?? defaultSeed;
  const user = userField(fields, errors);
  let direction: FaultDirection | null = null;
  const given = fields.direction;
  if (given === 'in' || given === 'out') direction = given;
  else if (given !== undefined && given !== null && given !== 'both')
    errors.push(
      `direction must be "in" (client → server), "out" (server → client) or absent for both, got ${JSON.stringify(given)?.slice(0, 60)}`,
    );
  if (!errors.length && latency === 0 && jitter === 0 && drop === 0 && duplicate === 0)
    errors.push('the link changes nothing: give latency_ms, jitter_ms, drop_rate or duplicate_rate');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      latency_ms: latency,
      jitter_ms: jitter,
      drop_rate: drop,
      duplicate_rate: duplicate,
      user,
      direction,
      seed,
    },
  };
}

/** POST /__mock/disconnect: whose connections, and the close code and reason (1012 "Service restart"). */
export function parseDisconnectSpec(body: unknown): Parsed<DisconnectSpec> {
  const errors: string[] = [];
  const fields = fieldsOf(body, ['user', 'code', 'reason'], errors);
  const user = userField(fields, errors);
  const code = fields.code ?? DEFAULT_CLOSE_CODE;
  if (typeof code !== 'number' || !isSendableCloseCode(code))
    errors.push(
      `code must be a close code a server may send (1000-1003, 1007-1014, 3000-4999), got ${JSON.stringify(code)?.slice(0, 60)}`,
    );
  const reason = fields.reason ?? (code === DEFAULT_CLOSE_CODE ? DEFAULT_CLOSE_REASON : '');
  if (typeof reason !== 'string' || Buffer.byteLength(reason) > 123)
    errors.push('reason must be a string of at most 123 bytes (a close frame has room for no more)');
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { user, code: code as number, reason: reason as string } };
}

/** POST /__mock/outage: how long, and the status upgrades get meanwhile (503 by default). */
export function parseOutageSpec(body: unknown): Parsed<OutageSpec> {
  const errors: string[] = [];
  const fields = fieldsOf(body, ['seconds', 'status'], errors);
  const seconds = numberField(fields, 'seconds', 0.001, MAX_FAULT_SECONDS, errors);
  if (seconds === undefined && fields.seconds === undefined)
    errors.push('seconds is required: how long the outage lasts');
  const status = numberField(fields, 'status', 400, 599, errors, true) ?? DEFAULT_OUTAGE_STATUS;
  if (errors.length || seconds === undefined) return { ok: false, errors };
  return { ok: true, value: { seconds, status } };
}

/** POST /__mock/stall: whose connections, and for how long (until ended when absent). */
export function parseStallSpec(body: unknown): Parsed<StallSpec> {
  const errors: string[] = [];
  const fields = fieldsOf(body, ['user', 'seconds'], errors);
  const user = userField(fields, errors);
  const seconds = numberField(fields, 'seconds', 0.001, MAX_FAULT_SECONDS, errors) ?? null;
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { user, seconds } };
}

/** One line about a link, for logs and the banner: `latency 200±50 ms, drop 10%, out, user 12`. */
export function describeLink(link: LinkSpec): string {
  const parts: string[] = [];
  if (link.latency_ms || link.jitter_ms)
    parts.push(`latency ${link.latency_ms}${link.jitter_ms ? `±${link.jitter_ms}` : ''} ms`);
  if (link.drop_rate) parts.push(`drop ${+(link.drop_rate * 100).toFixed(2)}%`);
  if (link.duplicate_rate) parts.push(`duplicate ${+(link.duplicate_rate * 100).toFixed(2)}%`);
  parts.push(
    link.direction === null ? 'both ways' : link.direction === 'in' ? 'in (client → server)' : 'out (server → client)',
  );
  parts.push(link.user === null ? 'every user' : `user ${link.user}`);
  return parts.join(', ');
}
