// The flags the mock and the proxy share, for what sits at their edge: who may connect (Host,
// Origin, the control token), the socket limits, and the traffic log and live stream. One
// definition, so both commands say and check the same things.
import { type Command, Option } from 'commander';
import { DEFAULT_LIMITS, type RateLimit } from '../gateway/limits.js';
import { DEFAULT_TRAFFIC_LIMITS } from '../traffic/traffic.js';
import { hosts, integer, origins, pingRate, size } from './parsers.js';

export interface EdgeFlags {
  maxPayload: number;
  maxConnections: number;
  allowedOrigin?: string[];
  allowedHost?: string[];
  controlToken?: string;
  maxSockets: number;
  handshakeTimeout: number;
  pingLimit: RateLimit | null;
  maxFragments: number;
  trafficBudget: number;
  maxLiveClients: number;
}

/** Adds the shared flags; `what` names the server in their help ("the mock", "the proxy"). */
export function addEdgeOptions(command: Command, what: string): Command {
  return command
    .option(
      '--max-payload <bytes>',
      'largest frame accepted; a larger one closes the socket with 1009',
      integer('--max-payload', 1024, 100 * 1024 * 1024),
      DEFAULT_LIMITS.maxPayload,
    )
    .option(
      '--max-connections <n>',
      'sockets open at once; one more is refused with HTTP 503',
      integer('--max-connections', 1, 1_000_000),
      DEFAULT_LIMITS.maxConnections,
    )
    .option(
      '--allowed-origin <origin>',
      `a browser origin allowed besides ${what} itself and loopback pages (repeatable; * for any); others get HTTP 403`,
      origins,
    )
    .option(
      '--allowed-host <name>',
      `a Host name allowed besides ${what}'s own (repeatable; * for any); others get HTTP 403`,
      hosts,
    )
    .addOption(
      new Option(
        '--control-token <token>',
        'the token the control API, live stream and inspector want (default: none on loopback, generated otherwise)',
      ).env('CHATS_WS_MOCK_CONTROL_TOKEN'),
    )
    .option(
      '--max-sockets <n>',
      'TCP sockets open at once; one more is answered HTTP 503 (default: the open-file limit less 64)',
      integer('--max-sockets', 16, 1_000_000),
      DEFAULT_LIMITS.maxSockets,
    )
    .option(
      '--handshake-timeout <ms>',
      'a connection must complete its request or upgrade within this (0: no limit)',
      integer('--handshake-timeout', 0, 3_600_000),
      DEFAULT_LIMITS.handshakeTimeoutMs,
    )
    .option(
      '--ping-limit <pings/period>',
      'pings per client, e.g. 100/10s; faster closes with 1008 (off: none)',
      pingRate,
      DEFAULT_LIMITS.pingLimit,
    )
    .option(
      '--max-fragments <n>',
      'fragments one message may come in; more close the socket with 1008',
      integer('--max-fragments', 1, 1_000_000),
      DEFAULT_LIMITS.maxFragments,
    )
    .option(
      '--traffic-budget <size>',
      'about how much memory the traffic log may hold, e.g. 16MiB; the oldest records go first',
      size('--traffic-budget', 64 * 1024),
      DEFAULT_TRAFFIC_LIMITS.bytes,
    )
    .option(
      '--max-live-clients <n>',
      'live-stream (inspector) subscribers at once; one more gets HTTP 503',
      integer('--max-live-clients', 1, 10_000),
      32,
    );
}

/** The shared flags as options of startMockServer / startProxyServer. */
export function edgeSettings(opts: EdgeFlags) {
  return {
    maxPayload: opts.maxPayload,
    maxConnections: opts.maxConnections,
    ...(opts.allowedOrigin !== undefined ? { allowedOrigins: opts.allowedOrigin } : {}),
    ...(opts.allowedHost !== undefined ? { allowedHosts: opts.allowedHost } : {}),
    ...(opts.controlToken !== undefined ? { controlToken: opts.controlToken } : {}),
    maxSockets: opts.maxSockets,
    handshakeTimeoutMs: opts.handshakeTimeout,
    pingLimit: opts.pingLimit,
    maxFragments: opts.maxFragments,
    trafficBytes: opts.trafficBudget,
    maxLiveClients: opts.maxLiveClients,
  };
}
