/**
 * The validating proxy: between a real client and a real server, every frame relayed unchanged
 * and judged against the spec, recorded in the same traffic log, live stream, inspector and
 * console log as the mock's, marked "proxy"; faults on demand as on the mock.
 *
 *   const proxy = await startProxyServer({ upstream: 'ws://127.0.0.1:8000/ws/chat/', port: 0 });
 *   // point the client at proxy.wsUrl; read proxy.traffic.recent(), proxy.connections()
 *   await proxy.close();
 *
 * It is the mock's gateway with the hub and its world swapped for a relay to the upstream: the
 * same HTTP and upgrade policy (Host, Origin, control token, limits), the same control API where
 * it makes sense (what needs a world of its own answers 501 naming the mode).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from '../faults/index.js';
import { edgeGuard, prepareEdge } from '../edge.js';
import { type FaultsControl, type LinkInput, faultsControl } from '../faults/control.js';
import { type SocketGuard, type SocketStats, guardSockets } from '../gateway/sockets.js';
import type { GuardStats } from '../http/guard-stats.js';
import { createHttpApp } from '../http/app.js';
import { generatorAvailable } from '../http/docs-route.js';
import { CONTROL_TOKEN_QUERY } from '../http/guard.js';
import { closeServer, httpUrlOf, listen } from '../http/listen.js';
import { PROTOCOL_VERSIONS, type ProtocolVersion, dialectOf } from '../dialects/index.js';
import { historyElsewhere } from '../http/history-route.js';
import { DOCS_BUILDER, SITE_DIR, V2_FILES } from '../paths.js';
import { type LogMode, createLogger } from '../traffic/log.js';
import type { LiveStats } from '../traffic/live-stats.js';
import type { TrafficLog } from '../traffic/traffic.js';
import { ProxyGateway } from './gateway.js';
import type { ProtocolValidators } from './judge.js';
import { RECORD_FORMAT, RecordFile } from './record-file.js';
import type { RelayInfo } from './relay-info.js';
import { type ProxyCounts, copyProxyCounts, emptyProxyCounts } from './stats.js';
import { parseUpstream } from './upstream.js';
import { worldlessRoutes } from './worldless.js';

export { PROTOCOL_1, type ProtocolValidators } from './judge.js';
export type { RelayInfo, Blame } from './relay-info.js';
export type { ProxyCounts } from './stats.js';
export { RECORD_FORMAT, type RecordLine, type FrameRecordLine } from './record-file.js';

/** The proxy's port unless told otherwise: 8000 is the mock's and the usual backend's. */
export const DEFAULT_PROXY_PORT = 8001;

export interface ProxyServerOptions {
  /** The server to relay to, e.g. ws://127.0.0.1:8000/ws/chat/ (http:// and https:// are read as ws:// and wss://). */
  upstream: string;
  /** Default 8001; 0 lets the system choose. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default "silent" here ("pretty" from the CLI). */
  log?: LogMode;
  /** Where the log's lines go instead of stdout and stderr (a test about the log). */
  logTo?: (text: string) => void;
  /** Appends every frame (and handshakes, closes, faults) to this file as JSON lines. */
  record?: string;
  /**
   * The protocol version the client and the upstream speak: 1 (the default), or 2, the later
   * dialect (frames judged against protocols/v2/, clients offered /ws/chat/, version 2's spec and
   * docs served).
   */
  protocol?: ProtocolVersion;
  /** Validators of your own, instead of those of `protocol`'s version. */
  validators?: ProtocolValidators;
  /** The seed of a degraded link that names none. Default 42. */
  seed?: number;
  /** Degraded links from the start. */
  degradedLinks?: readonly LinkInput[];
  /** The largest client frame, in bytes (larger: the client is closed with 1009). Default 64 KiB. */
  maxPayload?: number;
  /** Connections at once; one more is refused with HTTP 503. Default 10000. */
  maxConnections?: number;
  allowedOrigins?: readonly string[] | null;
  allowedHosts?: readonly string[] | null;
  controlToken?: string;
  maxSockets?: number;
  /** The client's request and the upstream's handshake must each complete within this. 0: no limit. Default 10000. */
  handshakeTimeoutMs?: number;
  pingLimit?: string | { frames: number; perMs: number } | null;
  maxFragments?: number;
  /** Bytes a fault (delays, a stall) may hold back per connection; beyond, frames are dropped. Default 4 MiB. */
  maxBufferedBytes?: number;
  trafficCapacity?: number;
  trafficBytes?: number;
  maxLiveClients?: number;
}

export interface ProxyStats {
  uptimeMs: number;
  mode: 'proxy';
  upstream: string;
  protocol: string;
  /** Connections relayed now, and being opened upstream. */
  connections: number;
  counts: ProxyCounts;
  sockets: SocketStats;
  http: GuardStats;
  live: LiveStats;
  traffic: { kept: number; bytes: number; dropped: number };
  faults: ReturnType<FaultsControl['active']>['counts'];
  record: { file: string; written: number; dropped: number } | null;
}

export interface ProxyServer {
  /** http://host:port: the inspector, the control API, /docs. */
  url: string;
  /** ws://host:port/ws/chats/ (protocol 1) or /ws/chat/ (protocol 2): where clients connect instead of the upstream. */
  wsUrl: string;
  port: number;
  host: string;
  /** The upstream, as given (normalized). */
  upstream: string;
  readonly exposed: boolean;
  readonly controlToken: string | null;
  readonly inspectorUrl: string;
  /** Every frame relayed, with its verdict (source "proxy"), and every fault (source "fault"). */
  traffic: TrafficLog;
  /** Open connections, then the last closed ones, each with who broke the contract. */
  connections(): RelayInfo[];
  stats(): ProxyStats;
  readonly faults: FaultsControl;
  /** The --record file, or null. */
  readonly recordFile: string | null;
  /** Closes every client and its upstream with 1001, the HTTP server, and the record file. */
  close(): Promise<void>;
}

/**
 * Starts the proxy: clients connect to `wsUrl` (/ws/chats/ or /ws/chat/), and each connection is
 * relayed to `upstream`. Resolves once it listens; rejects when the upstream URL, an option or the
 * record file is wrong, or the port is taken. The upstream is not contacted until a client comes.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const parsed = parseUpstream(options.upstream);
  if (!parsed.ok) throw new RangeError(parsed.error);
  const upstream = parsed.url;
  const seed = options.seed ?? 42;
  const edge = prepareEdge(options, seed);
  const { host, limits, links, exposed, controlToken, policy, traffic } = edge;
  const protocol = options.protocol ?? 1;
  if (!(PROTOCOL_VERSIONS as readonly unknown[]).includes(protocol))
    throw new RangeError(`protocol must be one of ${PROTOCOL_VERSIONS.join(', ')}, got ${String(protocol)}`);
  const dialect = dialectOf(protocol);
  const validators = options.validators ?? {
    version: String(protocol),
    client: dialect.validateClient,
    server: dialect.validateServer,
  };
  const startedAt = Date.now();
  const logTo = options.logTo;
  const logger = createLogger({
    mode: options.log ?? 'silent',
    nameOf: () => undefined,
    ...(logTo ? { stdout: logTo, stderr: logTo } : {}),
  });
  const record = options.record === undefined ? null : new RecordFile(options.record, (m) => logger.warn(m));
  const faults = new Faults({ traffic, logger, seed, maxHeldBytes: limits.maxBufferedBytes, links });
  const counts = emptyProxyCounts();
  const gateway = new ProxyGateway({ upstream, policy, traffic, logger, limits, validators, faults, record, counts });
  const unsubscribeFaults = record
    ? traffic.subscribe((r) => {
        if (r.source === 'fault')
          record.write({
            kind: 'fault',
            time: r.time,
            connection: r.connection_id,
            user: r.user_id,
            direction: r.direction,
            note: r.note ?? '',
            details: r.frame,
          });
      })
    : () => undefined;
  const guard = edgeGuard(edge, logger);
  const shownUpstream = `${upstream.protocol}//${upstream.host}${upstream.pathname}`;
  const mode = { name: 'proxy' as const, upstream: shownUpstream };
  const closeHooks: (() => void)[] = [];
  let wsUrl = '';
  let readLive: (() => LiveStats) | null = null;
  let sockets: SocketGuard | null = null;

  const stats = (): ProxyStats => ({
    uptimeMs: Date.now() - startedAt,
    mode: 'proxy',
    upstream: shownUpstream,
    protocol: validators.version,
    connections: gateway.size,
    counts: copyProxyCounts(counts),
    sockets: sockets?.stats() ?? { open: 0, refused: 0, handshakeTimeouts: 0 },
    http: guard.stats(),
    live: readLive?.() ?? { subscribers: 0, refused: 0, dropped: 0 },
    traffic: { kept: traffic.size, bytes: traffic.bytes, dropped: traffic.dropped },
    faults: faults.snapshot().counts,
    record: record && { file: record.file, ...record.stats() },
  });

  const app = createHttpApp({
    ...worldlessRoutes(mode),
    mode,
    traffic,
    stateVersion: () => gateway.version,
    wsUrl: () => wsUrl,
    warn: (message) => logger.warn(message),
    onClose: (hook) => void closeHooks.push(hook),
    liveStats: (read) => void (readLive = read),
    faults,
    connections: () => gateway.connections(),
    startedAt,
    guard: guard.middleware,
    maxPayload: limits.maxPayload,
    inspector: { live: { maxClients: options.maxLiveClients ?? 32 } },
    spec: dialect.spec,
    openapi: protocol === 2 ? { yaml: V2_FILES.openapiYaml, json: V2_FILES.openapiJson } : undefined,
    // The history over HTTP is the upstream's own: the proxy relays the WebSocket only.
    history: historyElsewhere(
      `The proxy relays the WebSocket only: ask the upstream's HTTP API (${upstream.protocol === 'wss:' ? 'https' : 'http'}://${upstream.host}/chats/…) for the chat history.`,
    ),
    health: () => {
      const { uptimeMs: _uptime, ...rest } = stats();
      return rest;
    },
    docs: { siteDir: SITE_DIR, builderPath: DOCS_BUILDER, logger, canBuild: () => generatorAvailable(DOCS_BUILDER) },
  });
  const server = createServer(app);
  sockets = guardSockets(server, limits, (message) => logger.warn(message));
  closeHooks.push(() => sockets?.close());
  closeHooks.push(() => faults.close());
  closeHooks.push(unsubscribeFaults);
  server.on('upgrade', gateway.handleUpgrade);

  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? DEFAULT_PROXY_PORT, host);
  } catch (err) {
    for (const hook of closeHooks) hook();
    await gateway.close();
    await record?.close();
    throw err;
  }
  const url = httpUrlOf(address);
  wsUrl = `${url.replace(/^http/, 'ws')}${dialect.path}`;
  record?.write({
    kind: 'start',
    time: new Date().toISOString(),
    format: RECORD_FORMAT,
    upstream: shownUpstream,
    listening: wsUrl,
    protocol: validators.version,
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await closeServer(server, closeHooks, () => gateway.close());
      await record?.close();
    })());

  return {
    url,
    wsUrl,
    port: address.port,
    host,
    upstream: upstream.href,
    exposed,
    controlToken,
    inspectorUrl: controlToken === null ? `${url}/` : `${url}/?${CONTROL_TOKEN_QUERY}=${controlToken}`,
    traffic,
    connections: () => gateway.connections(),
    stats,
    faults: faultsControl(faults),
    recordFile: options.record ?? null,
    close,
  };
}
