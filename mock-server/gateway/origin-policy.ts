// Who may talk to the mock from a browser: the Host a request names (DNS rebinding) and the page
// it comes from (Origin, and Sec-Fetch-Site where there is no Origin). The same rules guard the
// WebSocket upgrade and every HTTP route, as dev servers learned to (Vite's `allowedHosts` and
// restricted CORS, webpack-dev-server's likewise). Pure: no sockets, every branch testable.
import { networkInterfaces } from 'node:os';

export interface OriginPolicy {
  /** Browser origins allowed besides the mock's own and loopback ones (normalized); "any": all. */
  allowedOrigins: ReadonlySet<string> | 'any';
  /** Host names allowed besides the mock's own (lower case, no port); "any": all. */
  allowedHosts: ReadonlySet<string> | 'any';
  /** The names this mock answers to: loopback names, the bound address, and the machine's addresses when bound to all. */
  ownHosts: ReadonlySet<string>;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: names that always mean this machine. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    name === '0:0:0:0:0:0:0:1' ||
    /^127(?:\.\d{1,3}){3}$/.test(name)
  );
}

/** Whether the mock is reachable from other machines when bound to `host`. */
export const exposedAt = (host: string): boolean => !isLoopbackName(host);

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** The host names a mock bound to `host` answers to (without ports, lower case). */
export function ownHostNames(host: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1']);
  names.add(host.toLowerCase().replace(/^\[|\]$/g, ''));
  if (WILDCARDS.has(host)) {
    for (const list of Object.values(networkInterfaces()))
      for (const address of list ?? []) names.add(address.address.toLowerCase());
  }
  return names;
}

/** The host name of a Host header (`example.com:8000`, `[::1]:8000`), lower case, without the port. */
export function hostNameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  const colon = value.lastIndexOf(':');
  // One colon: name and port. More: a bare IPv6 address (not a valid Host, but named as it is).
  return colon > -1 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

/** A request's Host: one that names the mock, or none (HTTP/1.0 clients), passes. */
export function checkHost(hostHeader: string | undefined, policy: OriginPolicy): Verdict {
  if (hostHeader === undefined || hostHeader === '' || policy.allowedHosts === 'any') return OK;
  const name = hostNameOf(hostHeader);
  if (isLoopbackName(name) || policy.ownHosts.has(name) || policy.allowedHosts.has(name)) return OK;
  return {
    ok: false,
    reason: `Host "${hostHeader.slice(0, 100)}" is not a name of this mock (allow it with --allowed-host ${name.slice(0, 100)})`,
  };
}

/** `scheme://host[:port]` lower case with the default port left out, or null when it is not one. */
export function normalizedOrigin(origin: string): string | null {
  try {
    const url = new URL(origin.trim());
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * A request's page: allowed when it sent no Origin (not a browser, or a same-origin GET), when the
 * Origin is the mock's own (the Host it asked for), a loopback one (a frontend dev server on any
 * port), or listed in --allowed-origin. A browser's cross-site request without Origin (an image or
 * script tag) is told by Sec-Fetch-Site and refused too.
 */
export function checkOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  secFetchSite: string | undefined,
  policy: OriginPolicy,
): Verdict {
  if (policy.allowedOrigins === 'any') return OK;
  if (origin === undefined) {
    return secFetchSite === 'cross-site'
      ? { ok: false, reason: 'a cross-site request from a page of another site (Sec-Fetch-Site: cross-site)' }
      : OK;
  }
  const normalized = normalizedOrigin(origin);
  if (normalized !== null) {
    const url = new URL(normalized);
    if (hostHeader !== undefined && url.host === hostHeader.trim().toLowerCase()) return OK;
    if (isLoopbackName(url.hostname)) return OK;
    if (policy.allowedOrigins.has(normalized)) return OK;
  } else if (origin.trim() === 'null' && policy.allowedOrigins.has('null')) return OK;
  return {
    ok: false,
    reason: `origin ${origin.slice(0, 200)} is not allowed (allow it with --allowed-origin ${(normalized ?? origin).slice(0, 200)})`,
  };
}
