// Why an upgrade was refused, in words a backend team can act on: the HTTP status and the start of
// the body; on 404 or 5xx, which of the known paths answers instead; on 401 or 403, what the token
// says about itself (a JWT's payload is read, never verified: when it expired, whose it is).
import { isPlainObject } from '../protocol/index.js';
import { connect, TRANSPORT_LABELS, TRANSPORTS, type Transport } from './client.js';
import type { ProtocolProfile } from './profile/types.js';

export interface Refusal {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
}

const BODY_SHOWN = 120;

/** `HTTP 500 Internal Server Error (body: "…")`. */
export function describeRefusal(refusal: Refusal): string {
  const status = `HTTP ${refusal.status}${refusal.statusText ? ` ${refusal.statusText}` : ''}`;
  // An HTML error page says what it says in its text.
  const body = refusal.body
    .replace(/<(head|script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!body) return status;
  return `${status} (body: ${JSON.stringify(body.length > BODY_SHOWN ? `${body.slice(0, BODY_SHOWN)}…` : body)})`;
}

/** `42 s`, `3 min 20 s`, `2 h 5 min`, `3 days`. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} days`;
}

function jsonPart(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** What a token says about itself, read without verifying anything. */
export function describeToken(token: string, userId: number, now = Date.now()): string {
  const whose = `user ${userId}'s token`;
  const parts = token.split('.');
  if (parts.length === 1) return `${whose} is not a JWT, so nothing about it can be read here (an opaque token?)`;
  if (parts.length !== 3) return `${whose} is a malformed JWT: ${parts.length} dot-separated parts, a JWT has 3`;
  const header = jsonPart(parts[0] ?? '');
  const payload = jsonPart(parts[1] ?? '');
  if (!header) return `${whose} is a malformed JWT: its header is not base64url-encoded JSON`;
  if (!payload) return `${whose} is a malformed JWT: its payload is not base64url-encoded JSON`;
  const alg = typeof header.alg === 'string' ? ` (${header.alg})` : '';
  const subject = payload.user_id ?? payload.sub;
  const mismatch =
    subject !== undefined && String(subject) !== String(userId)
      ? `; its ${payload.user_id !== undefined ? 'user_id' : 'sub'} is ${JSON.stringify(subject)}, not ${userId}: is it another user's token?`
      : '';
  const exp = payload.exp;
  if (typeof exp !== 'number') {
    return `${whose} is a JWT${alg} without a numeric exp, so it does not expire by itself${mismatch}`;
  }
  const expiry = new Date(exp * 1000);
  if (exp * 1000 <= now) {
    return `${whose} expired at ${expiry.toISOString()}, ${formatDuration(now - exp * 1000)} ago: get a fresh one${mismatch}`;
  }
  return `${whose} is a JWT${alg} valid until ${expiry.toISOString()} (${formatDuration(exp * 1000 - now)} from now)${mismatch || ': the server refused it for another reason (the transport, the signature, or the user)'}`;
}

interface Probe {
  readonly url: string;
  readonly answer: string;
  readonly answers: boolean;
}

export interface DoctorOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly profile: ProtocolProfile;
}

/** Explains refused upgrades; the known paths are probed once per run. */
export class HandshakeDoctor {
  readonly #options: DoctorOptions;
  #aliases: Promise<Probe[]> | null = null;

  constructor(options: DoctorOptions) {
    this.#options = options;
  }

  /** Lines that say why `user`'s upgrade may have been refused (empty when there is nothing to add). */
  async explain(user: { id: number; token: string }, refusal: Refusal): Promise<string[]> {
    if (refusal.status === 401 || refusal.status === 403) return [describeToken(user.token, user.id)];
    if (refusal.status !== 404 && refusal.status < 500) return [];
    this.#aliases ??= this.#probeAliases(user.token);
    const probes = await this.#aliases;
    if (probes.length === 0) return [];
    const answering = probes.find((p) => p.answers);
    const all = probes.map((p) => `${p.url}: ${p.answer}`).join('; ');
    return [
      answering
        ? `the endpoint may be elsewhere: ${answering.url} answers (${answering.answer}); run again with --url ${answering.url}`
        : `the endpoint may be elsewhere, but none of the known paths answers either (${all})`,
    ];
  }

  async #probeAliases(token: string): Promise<Probe[]> {
    const { url, timeoutMs, profile } = this.#options;
    const here = new URL(url);
    const probes: Probe[] = [];
    for (const path of profile.paths) {
      if (path === here.pathname) continue;
      const target = new URL(here);
      target.pathname = path;
      probes.push(await this.#probe(target.href, token, timeoutMs));
    }
    return probes;
  }

  /** Tries each transport at one URL until one is accepted; a 401/403 still shows a route is there. */
  async #probe(url: string, token: string, timeoutMs: number): Promise<Probe> {
    const seen: string[] = [];
    let routed: Transport | null = null;
    for (const transport of TRANSPORTS) {
      const result = await connect(url, { label: 'probe', transport, token, timeoutMs });
      if (result.kind === 'open') {
        await result.client.close(timeoutMs);
        return { url, answers: true, answer: `it accepted the token sent as the ${TRANSPORT_LABELS[transport]}` };
      }
      if (result.kind === 'refused') {
        seen.push(describeRefusal({ ...result, body: '' }));
        if (result.status === 401 || result.status === 403) routed ??= transport;
      } else seen.push(result.reason);
    }
    const unique = [...new Set(seen)].join(', ');
    return routed
      ? { url, answers: true, answer: `a WebSocket route is there: it refused the token with ${unique}` }
      : { url, answers: false, answer: unique };
  }
}
