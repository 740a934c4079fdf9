// The proxy's side of the upgrade: the same policy as the mock's gateway (shutting down, an
// outage, the path, Host and Origin, --max-connections), then the handshake forwarded upstream as
// the client made it. The upstream's answer comes back: a refusal with its status, headers and
// body; an acceptance with its subprotocol, and from then on a Relay. The open relays and the
// last closed ones are what GET /__mock/connections shows.
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { writeRefusal } from '../gateway/admission.js';
import { maskToken, presentedToken } from '../gateway/auth.js';
import { decodeJwt } from '../gateway/jwt.js';
import { type OriginPolicy, checkHost, checkOrigin } from '../gateway/origin-policy.js';
import { Relay, type RelayContext, type RelayInfo } from './relay.js';
import { forwardedHeaders, offeredSubprotocols, proxiedSuffix, upstreamUrl } from './upstream.js';

/** How much of an upstream's refusal body is passed back. */
export const MAX_REFUSAL_BODY = 64 * 1024;
/** Closed connections GET /__mock/connections still lists. */
const CLOSED_KEPT = 100;

export interface ProxyGatewayOptions extends RelayContext {
  upstream: URL;
  policy: OriginPolicy;
}

/** The upstream without its query (which may hold a token), for messages. */
const shown = (url: URL | string): string => {
  const u = new URL(typeof url === 'string' ? url : url.href);
  return `${u.protocol}//${u.host}${u.pathname}`;
};

/** Who a client says it is: the `user_id` of its token when that is a JWT (not verified: the upstream decides). */
function userOf(
  request: IncomingMessage,
  url: URL,
): { userId: number | null; token: string | null; via: string | null } {
  const presented = presentedToken(request, url);
  if (!presented) return { userId: null, token: null, via: null };
  const id = decodeJwt(presented.token)?.payload.user_id;
  return {
    userId: typeof id === 'number' && Number.isSafeInteger(id) ? id : null,
    token: maskToken(presented.token),
    via: presented.via,
  };
}

/** What `ws` would answer 400: not a WebSocket handshake it can complete. */
function badHandshake(request: IncomingMessage): string | null {
  if (request.method !== 'GET') return `the method must be GET, got ${request.method ?? '?'}`;
  if ((request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return 'the Upgrade header must be websocket';
  const key = request.headers['sec-websocket-key'];
  if (!key || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return 'a missing or invalid Sec-WebSocket-Key';
  const version = request.headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') return 'Sec-WebSocket-Version must be 13';
  return null;
}

/** Response headers that belong to the hop, not to the refusal. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/** Passes an upstream's refusal back to the client: its status line, headers and (the first part of) its body. */
function writeUpstreamRefusal(
  socket: Duplex,
  status: number,
  message: string,
  rawHeaders: string[],
  body: Buffer,
): void {
  let head = `HTTP/1.1 ${status} ${message}\r\n`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!HOP.has(name.toLowerCase())) head += `${name}: ${rawHeaders[i + 1] as string}\r\n`;
  }
  head += `Connection: close\r\nContent-Length: ${body.length}\r\n\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}

export class ProxyGateway {
  private readonly wss: WebSocketServer;
  private readonly relays = new Set<Relay>();
  private readonly pending = new Set<WebSocket>();
  private readonly closedInfos: RelayInfo[] = [];
  /** The subprotocol the upstream chose for a request, which the client is answered with. */
  private readonly chosen = new WeakMap<IncomingMessage, string>();
  private nextId = 0;
  private closing = false;
  /** Changes when a connection opens or closes (the live stream's cue to the inspector). */
  version = 0;

  constructor(private readonly options: ProxyGatewayOptions) {
    const { limits } = options;
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      autoPong: false,
      maxPayload: limits.maxPayload,
      maxFragments: limits.maxFragments,
      handleProtocols: (_protocols, request) => this.chosen.get(request) ?? false,
    });
    options.faults.setConnections(() => this.relays);
  }

  /** Connections open now, and being opened upstream. */
  get size(): number {
    return this.relays.size + this.pending.size;
  }

  /** Open connections first (oldest first), then the last closed ones (newest first). */
  connections(): RelayInfo[] {
    return [...[...this.relays].map((relay) => relay.snapshot()), ...[...this.closedInfos].reverse()];
  }

  /** The http server's `upgrade` handler. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const { limits, policy, faults, logger, counts, record } = this.options;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.slice(0, 200);
    const refuse = (status: number, reason: string, origin?: string): void => {
      counts.refused[status] = (counts.refused[status] ?? 0) + 1;
      const remote = request.socket.remoteAddress;
      if (!this.closing)
        logger.connection({
          event: 'refused',
          status,
          path,
          reason,
          ...(origin !== undefined ? { origin } : {}),
          ...(remote ? { remote } : {}),
        });
      record?.write({ kind: 'refused', time: new Date().toISOString(), status, path, by: 'proxy', reason });
      writeRefusal(socket, status, `${STATUS_CODES[status] ?? 'Refused'}: ${reason}`);
    };
    if (this.closing) return refuse(503, 'the proxy is shutting down');
    const outage = faults.refusal();
    if (outage) {
      logger.connection({ event: 'refused', status: outage.status, path, reason: outage.reason });
      record?.write({
        kind: 'refused',
        time: new Date().toISOString(),
        status: outage.status,
        path,
        by: 'proxy',
        reason: outage.reason,
      });
      return writeRefusal(socket, outage.status, outage.body, outage.headers);
    }
    const suffix = proxiedSuffix(url.pathname);
    if (suffix === null) return refuse(404, `no WebSocket endpoint at ${path}: use /ws/chats/`);
    const host = checkHost(request.headers.host, policy);
    if (!host.ok) return refuse(403, host.reason);
    const origin = request.headers.origin;
    const page = checkOrigin(origin, request.headers.host, undefined, policy);
    if (!page.ok) return refuse(403, page.reason, origin ?? '');
    if (this.size >= limits.maxConnections)
      return refuse(503, `too many connections (${limits.maxConnections} open, the limit): try again later`);
    const bad = badHandshake(request);
    if (bad) return refuse(400, `not a WebSocket handshake: ${bad}`);

    const target = upstreamUrl(this.options.upstream, url, suffix);
    let upstream: WebSocket;
    try {
      upstream = new WebSocket(target, offeredSubprotocols(request.headers), {
        headers: forwardedHeaders(request.headers),
        perMessageDeflate: false,
        autoPong: false,
        followRedirects: false,
        maxPayload: Math.max(limits.maxPayload, 100 * 1024 * 1024),
        ...(limits.handshakeTimeoutMs > 0 ? { handshakeTimeout: limits.handshakeTimeoutMs } : {}),
      });
    } catch (err) {
      return refuse(400, `the handshake cannot be forwarded: ${(err as Error).message}`);
    }
    this.pending.add(upstream);
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.pending.delete(upstream);
      socket.off('close', clientGone);
      return true;
    };
    const clientGone = (): void => {
      if (settle()) upstream.terminate();
    };
    socket.once('close', clientGone);

    upstream.once('open', () => {
      if (!settle()) return;
      if (socket.destroyed || this.closing) return void upstream.close(1001, 'The client went away');
      if (upstream.protocol) this.chosen.set(request, upstream.protocol);
      this.wss.handleUpgrade(request, socket, head, (client) => this.accept(client, upstream, request, url));
    });
    upstream.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_REFUSAL_BODY) chunks.push(chunk.subarray(0, MAX_REFUSAL_BODY - size));
        size += chunk.length;
      });
      const done = (): void => {
        if (!settle()) return;
        const status = res.statusCode ?? 502;
        const body = Buffer.concat(chunks);
        counts.upstreamRefused[status] = (counts.upstreamRefused[status] ?? 0) + 1;
        const reason = `the upstream refused: ${body.toString('utf8').split('\n')[0]?.slice(0, 200) ?? ''}`;
        logger.connection({ event: 'refused', status, path, reason });
        record?.write({ kind: 'refused', time: new Date().toISOString(), status, path, by: 'upstream', reason });
        writeUpstreamRefusal(socket, status, res.statusMessage ?? '', res.rawHeaders, body);
        upstream.terminate();
      };
      res.once('end', done);
      res.once('error', done);
      res.once('close', done);
    });
    upstream.on('error', (err: Error) => {
      if (!settle()) return;
      const timedOut = /timed out/i.test(err.message);
      const status = timedOut ? 504 : 502;
      counts.upstreamFailed++;
      const reason = timedOut
        ? `the upstream ${shown(target)} did not complete the handshake within ${limits.handshakeTimeoutMs} ms`
        : `the upstream ${shown(target)} could not be reached: ${err.message}`;
      logger.connection({ event: 'refused', status, path, reason });
      record?.write({ kind: 'refused', time: new Date().toISOString(), status, path, by: 'proxy', reason });
      writeRefusal(socket, status, `${timedOut ? 'Gateway Timeout' : 'Bad Gateway'}: ${reason}`);
    });
  };

  private accept(client: WebSocket, upstream: WebSocket, request: IncomingMessage, url: URL): void {
    const { logger, record, faults, counts } = this.options;
    const { userId, token, via } = userOf(request, url);
    const id = `c${++this.nextId}`;
    const relay = new Relay(client, upstream, this.options, { id, userId, path: url.pathname.slice(0, 200) });
    this.relays.add(relay);
    this.version++;
    counts.accepted++;
    logger.connection({
      event: 'open',
      connectionId: id,
      ...(userId !== null ? { userId } : {}),
      ...(via !== null ? { via } : {}),
      ...(token !== null ? { token } : {}),
      path: url.pathname.slice(0, 200),
    });
    record?.write({
      kind: 'open',
      time: new Date().toISOString(),
      connection: id,
      user: userId,
      path: url.pathname.slice(0, 200),
      subprotocol: client.protocol || null,
    });
    if (faults.active) faults.opened(relay);
    void relay.finished.then((info) => {
      this.relays.delete(relay);
      this.closedInfos.push(info);
      if (this.closedInfos.length > CLOSED_KEPT) this.closedInfos.shift();
      this.version++;
      const close = info.close ?? { code: 1006, reason: '', by: 'server' };
      logger.connection({
        event: 'close',
        connectionId: id,
        ...(userId !== null ? { userId } : {}),
        code: close.code,
        reason: `${close.reason ? `${close.reason} ` : ''}(closed by the ${close.by})`,
      });
      record?.write({
        kind: 'close',
        time: new Date().toISOString(),
        connection: id,
        user: userId,
        code: close.code,
        reason: close.reason,
        by: close.by,
      });
    });
  }

  /** Closes every client with 1001 and its upstream with 1001 (terminating what does not finish within `graceMs`). */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    for (const upstream of this.pending) upstream.terminate();
    this.pending.clear();
    await Promise.all(
      [...this.relays].map((relay) => {
        const timer = setTimeout(() => {
          relay.client.terminate();
          relay.upstream.terminate();
        }, graceMs);
        relay.closeBoth(1001, 'Server shutting down', 'The proxy is shutting down');
        return relay.finished.then(() => clearTimeout(timer));
      }),
    );
    this.wss.close();
  }
}
