/**
 * chats-ws-protocol/mock: start the mock chat backend from code (a frontend's own tests, say).
 *
 *   const mock = await startMockServer({ port: 0, bots: false });
 *   const anna = await connectAs(mock, 12); // from chats-ws-protocol/testing
 *   …
 *   await mock.close();
 */
import { createServer } from 'node:http';
import { closeServer, httpUrlOf, listen } from './http/listen.js';
import type { AddressInfo } from 'node:net';
import { Bots } from './bots/bots.js';
import { type EmitTarget, emitEvent, snapshot, usersList } from './http/control.js';
import type { EmitResult, MockState, MockUserInfo } from './http/control.js';
import type { ClientEvent, ServerEvent } from '../protocol/index.js';
import { PROTOCOL_VERSIONS, type ProtocolVersion, dialectOf } from './dialects/index.js';
import { historyElsewhere, historyRouter } from './http/history-route.js';
import type { HistoryStats } from './http/history-stats.js';
import { authenticate } from './gateway/auth.js';
import type { WorldData } from './domain/index.js';
import { buildFixtureWorld } from './world/fixtures.js';
import { loadFixturesFile, parseFixtures } from './world/fixtures-file.js';
import { Gateway } from './gateway/gateway.js';
import type { GatewayStats } from './gateway/stats.js';
import type { Limits, RateLimit } from './gateway/limits.js';
import { createHttpApp } from './http/app.js';
import { generatorAvailable } from './http/docs-route.js';
import { type ActResult, Hub, type HubStats } from './hub/hub.js';
import { DEFAULT_DEV_SECRET } from './gateway/jwt.js';
import { type LogMode, type MockLogger, createLogger } from './traffic/log.js';
import { DOCS_BUILDER, SITE_DIR, V2_FILES } from './paths.js';
import type { TrafficLog } from './traffic/traffic.js';
import type { LiveStats } from './traffic/live-stats.js';
import { type SocketGuard, type SocketStats, guardSockets } from './gateway/sockets.js';
import { CONTROL_TOKEN_QUERY } from './http/guard.js';
import type { GuardStats } from './http/guard-stats.js';
import { takeBotsOffline } from './bots/presence.js';
import { type SavedState, keepWorldIn, loadStateFile } from './world/state-file.js';
import { type FaultCounts, Faults } from './faults/index.js';
import { edgeGuard, prepareEdge } from './edge.js';
import { type FaultsControl, type LinkInput, faultsControl } from './faults/control.js';

/** Where the log goes, when not to stdout and stderr as they are (the CLI buffers them, see traffic/output.ts). */
export interface LogDestination {
  /** Frame, connection and info lines (and JSON records with log "json"). */
  stdout(text: string): void;
  /** Bugs and failures; default process.stderr. */
  stderr?(text: string): void;
  /** Colours; default off. */
  color?: boolean;
}

export interface MockServerOptions {
  /**
   * The protocol version the sockets speak: 1, the protocol document's (the default), or 2, the
   * later dialect the reference backend and its web frontend spoke (protocols/v2/asyncapi.yaml),
   * which also serves the chat history over HTTP (GET /chats/…, protocols/v2/openapi.yaml). The
   * world is the same either way.
   */
  protocol?: ProtocolVersion;
  /** Default 8000; 0 lets the system choose (read `port` on the result). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Seeds the fixture world and the bots. Default 42. */
  seed?: number;
  /** A JSON world: a file path, or the data itself (see world/fixtures-file.ts for the shape). */
  fixtures?: string | object;
  /** Simulated users answer direct messages and chat in projects. Default true. */
  bots?: boolean;
  /** Multiplies the bots' delays (0.01: a hundred times faster). Default 1. */
  botSpeed?: number;
  /** Default "silent" here ("pretty" from the CLI). Bugs are printed in every mode. */
  log?: LogMode;
  /**
   * Where the log's lines go instead of stdout (and bugs instead of stderr), e.g. an array for a
   * test about the log. Colours are off then.
   */
  logTo?: ((text: string) => void) | LogDestination;
  /**
   * A JSON file that keeps the world across restarts: loaded on start when it exists (chats,
   * messages, the next message id), saved shortly after each change and on close. `reset()` still
   * returns to the fixtures (and saves that). A file that is not a state file is refused, never
   * overwritten. Default: none (every start is the fresh fixture world).
   */
  stateFile?: string;
  /** When set, JWTs must carry a valid HS256 signature with this secret (fixture tokens are signed with it). */
  jwtSecret?: string;
  /** The largest frame accepted, in bytes (a larger one closes the socket with 1009, and a warning is logged). Default 64 KiB. */
  maxPayload?: number;
  /** Sockets open at once; one more is refused at the upgrade with HTTP 503. Default 10000. */
  maxConnections?: number;
  /** Sockets one user may have open; one more is refused at the upgrade with HTTP 429. Default 20. */
  maxConnectionsPerUser?: number;
  /**
   * Per connection: at most `frames` frames per `perMs` ms (bursts up to `frames`), e.g.
   * `{ frames: 50, perMs: 1000 }` or "50/1s". A frame over it is answered with an `error` event of
   * code `rate_limited` and not applied; the socket stays open. Default: no limit.
   */
  rateLimit?: RateLimit | string | null;
  /**
   * Browser origins allowed besides the mock's own and any loopback origin (`http://localhost:5173`
   * is always allowed): e.g. `https://app.example.com`, or `*` for any. A page of another origin
   * gets no CORS grant, and 403 on upgrades, on the control API and on every POST or DELETE.
   */
  allowedOrigins?: readonly string[] | null;
  /**
   * Host names allowed besides the mock's own (loopback names, the bound address, and the machine's
   * addresses when bound to 0.0.0.0), e.g. `dev.example.test`, or `*` for any. A request or upgrade
   * naming another Host gets 403 (DNS rebinding).
   */
  allowedHosts?: readonly string[] | null;
  /**
   * Wanted on the control API, the live stream and the inspector (header `x-control-token`, or the
   * cookie the inspector URL with `?control_token=` sets). Default: none on loopback; generated
   * when `host` is not a loopback address.
   */
  controlToken?: string;
  /** TCP sockets open at once; one more is answered 503. Default: the open-file limit less 64. */
  maxSockets?: number;
  /** A connection must complete its request or upgrade within this many ms. 0: no limit. Default 10000. */
  handshakeTimeoutMs?: number;
  /** Pings per client, e.g. "100/10s" (the default); faster closes the socket with 1008. null: no limit. */
  pingLimit?: RateLimit | string | null;
  /** Fragments one message may come in; more close the socket with 1008. Default 1024. */
  maxFragments?: number;
  /** Ping period in ms; a socket that has not answered by the next ping is dropped (others see set_offline). 0: off. Default 30000. */
  heartbeatMs?: number;
  /** Bytes queued for a socket that does not read, beyond which it is closed with 1013 (and a warning is logged). Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Records the traffic log keeps at most. Default 1000. */
  trafficCapacity?: number;
  /** About how many bytes of memory the traffic log may hold (the oldest records go first). Default 16 MiB. */
  trafficBytes?: number;
  /** Subscribers of the live stream (GET /__mock/live) at once; one more gets 503. Default 32. */
  maxLiveClients?: number;
  /** Messages the world keeps; beyond it the oldest are evicted, with a log line. Default 2000. */
  maxMessages?: number;
  /** Degraded links from the start (see `faults.degrade`; a link's seed defaults to `seed`). Default: none. */
  degradedLinks?: readonly LinkInput[];
}

/** The default of `maxMessages`. */
export const DEFAULT_MAX_MESSAGES = 2000;

export interface MockServerStats extends HubStats {
  uptimeMs: number;
  /** What the WebSocket limits refused or cut short. */
  gateway: GatewayStats;
  /** TCP sockets: open now, refused over --max-sockets, closed for not completing a handshake. */
  sockets: SocketStats;
  /** HTTP requests the guard refused (403 Host or origin, 401 control token, 415 content type). */
  http: GuardStats;
  /** The live stream: subscribers now, refused over the cap, dropped for falling behind. */
  live: LiveStats;
  /** The traffic log: records kept, about how many bytes they hold, and how many were dropped. */
  traffic: { kept: number; bytes: number; dropped: number };
  /** The message store: messages kept, the cap, and how many were evicted. */
  messages: { kept: number; max: number; evicted: number };
  /** What the faults did so far: frames delayed, dropped, duplicated, held; connections closed; upgrades refused. */
  faults: FaultCounts;
  /** The HTTP history endpoints (protocol 2): requests answered, answers that broke the OpenAPI document. */
  history: HistoryStats;
}

export interface MockServer {
  /** http://host:port */
  url: string;
  /** ws://host:port/ws/chats/ (protocol 1), ws://host:port/ws/chat/ (protocol 2); the mock serves both paths. */
  wsUrl: string;
  /** The protocol version the sockets speak. */
  readonly protocol: ProtocolVersion;
  port: number;
  host: string;
  /** The limits in force (the defaults, overridden by the options). */
  readonly limits: Limits;
  /** Whether the mock listens beyond loopback (then the control API wants `controlToken`). */
  readonly exposed: boolean;
  /** The token the control API wants, or null when it wants none (loopback). */
  readonly controlToken: string | null;
  /** `url` with the control token as a query parameter, which sets the inspector's cookie. */
  readonly inspectorUrl: string;
  /** The users of the current world, with their tokens (and whether they are online now). */
  readonly users: MockUserInfo[];
  stats(): MockServerStats;
  traffic: TrafficLog;
  state(): MockState;
  /**
   * Processes a client event as if `userId` had sent it on a socket: the deliveries, or the error
   * event a socket would have got (`{ ok: false, error }`). Typed for protocol 1; a mock speaking
   * protocol 2 takes version 2's frames, through `actAsRaw` (and `emitRaw`).
   */
  actAs(userId: number, event: ClientEvent): ActResult;
  /** `actAs` for any value, for tests that send invalid frames on purpose (refused with `invalid_event` & co.). */
  actAsRaw(userId: number, frame: unknown): ActResult;
  /** Sends a server event to a user, several, or "all" (every connected user); it is checked against the spec first. */
  emit(to: EmitTarget, event: ServerEvent): EmitResult;
  /** `emit` for any value: an invalid one is refused with its problems (`{ ok: false, problems }`). */
  emitRaw(to: EmitTarget, event: unknown): EmitResult;
  /** Rebuilds the world (from the same fixtures, or with another seed). */
  reset(seed?: number): Promise<void>;
  /** Faults on demand: disconnect, outage, degraded links, stall (also at /__mock/faults & co.). */
  readonly faults: FaultsControl;
  /** Closes every socket with 1001, stops the bots' timers and the HTTP server, and saves the state file if any. */
  close(): Promise<void>;
}

export type { MockUserInfo, MockState, EmitTarget, EmitResult, ActResult, HubStats, LogMode };
export type { GatewayStats, Limits, RateLimit, SocketStats, GuardStats, LiveStats, HistoryStats, ProtocolVersion };
export { PROTOCOL_VERSIONS } from './dialects/index.js';
export type { MessagesPage, MessagesPageQuery } from './http/control.js';
export { DEFAULT_LIMITS } from './gateway/limits.js';
export type { TrafficRecord, TrafficLog, TrafficLogLimits } from './traffic/traffic.js';
export { DEFAULT_TRAFFIC_LIMITS } from './traffic/traffic.js';
export type { WorldData } from './domain/index.js';
export type { FaultsControl, LinkInput } from './faults/control.js';
export {
  startProxyServer,
  DEFAULT_PROXY_PORT,
  PROTOCOL_1,
  RECORD_FORMAT,
  type ProxyServer,
  type ProxyServerOptions,
  type ProxyStats,
  type ProtocolValidators,
  type RelayInfo,
  type Blame,
  type RecordLine,
} from './proxy/index.js';
export type { FaultsSnapshot, FaultCounts, LinkRule, FaultDirection } from './faults/index.js';
export { buildFixtureWorld } from './world/fixtures.js';

async function loadWorld(fixtures: string | object | undefined, seed: number, secret: string): Promise<WorldData> {
  if (fixtures === undefined) return buildFixtureWorld({ seed, secret });
  const result =
    typeof fixtures === 'string' ? await loadFixturesFile(fixtures, secret) : parseFixtures(fixtures, secret);
  if (!result.ok) throw new Error(`Invalid fixtures:\n  ${result.errors.join('\n  ')}`);
  return result.world;
}

async function loadSavedState(file: string, secret: string): Promise<SavedState | null> {
  const loaded = await loadStateFile(file, secret);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.state;
}

/**
 * Starts the mock chat backend: an HTTP server with the WebSocket endpoint (`wsUrl`), the control
 * API, the inspector and the docs, on `host:port`, with the seeded fixture world (or `fixtures`,
 * or the `stateFile`'s world). Resolves once it accepts connections; rejects when the port is
 * taken, an option is impossible, or the fixtures or state file cannot be loaded.
 *
 * For tests: `port: 0` (read `port` / `wsUrl` on the result), `bots: false` for exact frames,
 * `connectAs(mock, userId)` from `chats-ws-protocol/testing` for a typed client, and `close()` in
 * the teardown. The log is silent unless `log` says otherwise.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const protocol = options.protocol ?? 1;
  if (!(PROTOCOL_VERSIONS as readonly unknown[]).includes(protocol))
    throw new RangeError(`protocol must be one of ${PROTOCOL_VERSIONS.join(', ')}, got ${String(protocol)}`);
  const dialect = dialectOf(protocol);
  let seed = options.seed ?? 42;
  const secret = options.jwtSecret ?? DEFAULT_DEV_SECRET;
  const edge = prepareEdge(options, seed);
  const { host, limits, links, exposed, controlToken, policy, traffic } = edge;
  const startedAt = Date.now();
  let named: Hub | undefined; // the logger names users once the hub exists
  const logTo = options.logTo;
  const logger: MockLogger = createLogger({
    mode: options.log ?? 'silent',
    nameOf: (id) => named?.world.users.get(id)?.first_name,
    ...(typeof logTo === 'function' ? { stdout: logTo, stderr: logTo } : {}),
    ...(typeof logTo === 'object'
      ? {
          stdout: (text: string) => logTo.stdout(text),
          ...(logTo.stderr ? { stderr: (text: string) => logTo.stderr?.(text) } : {}),
          color: logTo.color ?? false,
        }
      : {}),
  });
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  if (!Number.isSafeInteger(maxMessages) || maxMessages < 1)
    throw new RangeError(`maxMessages must be an integer >= 1, got ${maxMessages}`);
  const stateFile = options.stateFile;
  const saved = stateFile === undefined ? null : await loadSavedState(stateFile, secret);
  const world = saved?.world ?? (await loadWorld(options.fixtures, seed, secret));
  const hub = new Hub({ world, traffic, logger, maxMessages, dialect });
  named = hub;
  if (saved) hub.world.nextMessageId = Math.max(hub.world.nextMessageId, saved.nextMessageId);
  const botsOn = options.bots !== false;
  const isConnected = (userId: number): boolean => hub.connections.isConnected(userId);
  if (!botsOn) takeBotsOffline(hub.world, isConnected);
  const bots = botsOn ? new Bots({ hub, seed, speed: options.botSpeed ?? 1 }) : null;
  const saver = stateFile === undefined ? null : await keepWorldIn(stateFile, hub, logger, saved !== null);
  const faults = new Faults({ traffic, logger, seed, maxHeldBytes: limits.maxBufferedBytes, links });
  const gateway = new Gateway({ hub, logger, jwtSecret: options.jwtSecret, limits, policy, faults });
  const guard = edgeGuard(edge, logger);
  const history =
    protocol === 2
      ? historyRouter({
          world: () => hub.world,
          authenticate: (token) =>
            authenticate(token, {
              tokens: hub.tokenIndex(),
              isKnownUser: (id) => hub.world.users.has(id),
              jwtSecret: options.jwtSecret,
              nowMs: Date.now(),
            }),
          violation: (answer, problems) =>
            logger.error('BUG: an HTTP answer violates the OpenAPI document', {
              operation: answer.operationId,
              status: answer.status,
              problems,
            }),
          answered: (line) => logger.info(line),
        })
      : null;
  const closeHooks: (() => void)[] = [];
  let wsUrl = '';
  let readLive: (() => LiveStats) | null = null;
  let sockets: SocketGuard | null = null;

  const reset = async (newSeed?: number): Promise<void> => {
    if (newSeed !== undefined) seed = newSeed;
    const world = await loadWorld(newSeed !== undefined ? undefined : options.fixtures, seed, secret);
    hub.reset(world);
    bots?.reset();
    if (!botsOn) takeBotsOffline(hub.world, isConnected);
    saver?.changed();
    logger.info(
      `World reset (${options.fixtures !== undefined && newSeed === undefined ? 'fixtures' : `seed ${seed}`})`,
    );
  };
  const actAsRaw = (userId: number, frame: unknown): ActResult => hub.act(userId, frame, 'act-as');
  const emitRaw = (to: EmitTarget, event: unknown): EmitResult => emitEvent(hub, to, event);
  const stats = (): MockServerStats => ({
    ...hub.stats(),
    uptimeMs: Date.now() - startedAt,
    gateway: gateway.stats(),
    sockets: sockets?.stats() ?? { open: 0, refused: 0, handshakeTimeouts: 0 },
    http: guard.stats(),
    live: readLive?.() ?? { subscribers: 0, refused: 0, dropped: 0 },
    traffic: { kept: traffic.size, bytes: traffic.bytes, dropped: traffic.dropped },
    messages: { kept: hub.world.messages.size, max: maxMessages, evicted: hub.world.evictedMessages },
    faults: faults.snapshot().counts,
    history: history?.stats() ?? { requests: 0, violations: 0 },
  });

  const app = createHttpApp({
    traffic,
    state: (page) => snapshot(hub, page),
    stateVersion: () => hub.stateVersion,
    users: () => usersList(hub),
    actAs: actAsRaw,
    emit: emitRaw,
    wsUrl: () => wsUrl,
    warn: (message) => logger.warn(message),
    onClose: (hook) => void closeHooks.push(hook),
    liveStats: (read) => void (readLive = read),
    faults,
    startedAt,
    guard: guard.middleware,
    maxPayload: limits.maxPayload,
    inspector: { live: { maxClients: options.maxLiveClients ?? 32 } },
    spec: dialect.spec,
    openapi: protocol === 2 ? { yaml: V2_FILES.openapiYaml, json: V2_FILES.openapiJson } : undefined,
    history: history?.router ?? historyElsewhere(),
    health: () => {
      const { uptimeMs: _uptime, ...rest } = stats();
      return rest;
    },
    docs: { siteDir: SITE_DIR, builderPath: DOCS_BUILDER, logger, canBuild: () => generatorAvailable(DOCS_BUILDER) },
    reset: async (newSeed) => {
      try {
        await reset(newSeed);
        return { ok: true, seed: newSeed ?? (options.fixtures === undefined ? seed : null) };
      } catch (err) {
        return { ok: false, errors: [err instanceof Error ? err.message : String(err)] };
      }
    },
  });
  const server = createServer(app);
  sockets = guardSockets(server, limits, (message) => logger.warn(message));
  closeHooks.push(() => sockets?.close());
  closeHooks.push(() => faults.close());
  server.on('upgrade', gateway.handleUpgrade);
  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? 8000, host);
  } catch (err) {
    bots?.stop();
    for (const hook of closeHooks) hook();
    await gateway.close();
    await saver?.close();
    throw err;
  }
  const url = httpUrlOf(address);
  wsUrl = `${url.replace(/^http/, 'ws')}${dialect.path}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      bots?.stop();
      await closeServer(server, closeHooks, () => gateway.close());
      await saver?.close();
    })());

  return {
    url,
    wsUrl,
    port: address.port,
    host,
    protocol,
    get users() {
      return usersList(hub);
    },
    limits,
    exposed,
    controlToken,
    inspectorUrl: controlToken === null ? `${url}/` : `${url}/?${CONTROL_TOKEN_QUERY}=${controlToken}`,
    stats,
    traffic,
    state: () => snapshot(hub),
    actAs: actAsRaw,
    actAsRaw,
    emit: emitRaw,
    emitRaw,
    reset,
    faults: faultsControl(faults),
    close,
  };
}
