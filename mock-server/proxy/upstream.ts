// Where a client's upgrade goes upstream, and with what: the upstream URL's path plus whatever
// followed /ws/chats/ (or /ws/chat/) in the client's path, the upstream's query and then the
// client's, and the client's own headers (Authorization, Origin, cookies, …) and subprotocols.
// Only what belongs to the hop itself is left for `ws` to make anew (Host, the WebSocket key and
// version, Connection/Upgrade, extensions).
import type { IncomingHttpHeaders } from 'node:http';

/** The paths the proxy listens on, as the mock does: /ws/chats and /ws/chat, and anything under them. */
const PREFIXES = ['/ws/chats', '/ws/chat'] as const;

/** What follows a listening path ('' for /ws/chats/ itself), or null when the path is not one of them. */
export function proxiedSuffix(pathname: string): string | null {
  for (const prefix of PREFIXES) {
    if (pathname === prefix || pathname === `${prefix}/`) return '';
    if (pathname.startsWith(`${prefix}/`)) return pathname.slice(prefix.length + 1);
  }
  return null;
}

/** The upstream URL for a client's request: the suffix appended to the upstream's path, both queries kept. */
export function upstreamUrl(upstream: URL, clientUrl: URL, suffix: string): string {
  const url = new URL(upstream.href);
  if (suffix) url.pathname = `${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}${suffix}`;
  for (const [name, value] of clientUrl.searchParams) url.searchParams.append(name, value);
  return url.href;
}

/** Headers of the hop, not of the request: `ws` writes its own. */
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'upgrade',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'proxy-authorization',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'sec-websocket-accept',
]);

/** The client's request headers to send upstream as they came (Authorization, Origin, Cookie, User-Agent, …). */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value;
  }
  return out;
}

/** The subprotocols a client offered (Sec-WebSocket-Protocol), in order. */
export function offeredSubprotocols(headers: IncomingHttpHeaders): string[] {
  const header = headers['sec-websocket-protocol'];
  if (!header) return [];
  return header
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** A WebSocket URL the proxy can relay to (ws: or wss:; http: and https: are taken as such), or why not. */
export function parseUpstream(text: string): { ok: true; url: URL } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `the upstream must be a URL such as ws://localhost:8000/ws/chat/, got "${text}"` };
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return { ok: false, error: `the upstream must be a ws:// or wss:// URL, got "${text}"` };
  if (url.hash) return { ok: false, error: `the upstream URL may not have a #fragment, got "${text}"` };
  return { ok: true, url };
}
