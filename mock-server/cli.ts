#!/usr/bin/env node
// chats-ws-mock: the mock chat backend on the command line (`npm run mock`).
import { Command, InvalidArgumentError, Option } from 'commander';
import { banner } from './cli/banner.js';
import { buildFixtureWorld } from './world/fixtures.js';
import { DEFAULT_MAX_MESSAGES, type MockServer, startMockServer } from './index.js';
import {
  DEFAULT_LIMITS,
  type RateLimit,
  normalizeHostName,
  normalizeOrigin,
  parseRateLimit,
} from './gateway/limits.js';
import { DEFAULT_TRAFFIC_LIMITS } from './traffic/traffic.js';
import { isLoopbackName, ownHostNames } from './gateway/origin-policy.js';
import { DEFAULT_DEV_SECRET } from './gateway/jwt.js';
import type { LogMode } from './traffic/log.js';
import { packageVersion } from './paths.js';
import { colorsFor } from './style.js';

const integer =
  (name: string, min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    return n;
  };

const factor = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('must be a number >= 0 (1 is human pace, 0.1 ten times faster).');
  return n;
};

const rate = (value: string): RateLimit => {
  try {
    return parseRateLimit(value);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

const origins = (value: string, previous: string[] | undefined): string[] => {
  try {
    return [...(previous ?? []), normalizeOrigin(value)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

const hosts = (value: string, previous: string[] | undefined): string[] => {
  try {
    return [...(previous ?? []), normalizeHostName(value)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

const pingRate = (value: string): RateLimit | null => (value.trim() === 'off' ? null : rate(value));

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  kb: 1024,
  mib: 1024 ** 2,
  mb: 1024 ** 2,
  gib: 1024 ** 3,
};

/** "16MiB", "512KiB", "1048576" -> bytes. */
const size =
  (name: string, min: number) =>
  (value: string): number => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const n = match ? Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? NaN)) : NaN;
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} is a size such as 16MiB, 512KiB or 1048576 (at least ${min} bytes).`);
    return n;
  };

/** What the banner says under its title when the mock listens beyond loopback. */
function exposureWarnings(server: MockServer, host: string): string[] {
  const addresses = [...ownHostNames(host)]
    .filter((name) => !isLoopbackName(name) && !['0.0.0.0', '::'].includes(name))
    .map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${server.port}`);
  return [
    `Listening on ${host}: every machine that can reach this one can use the mock` +
      (addresses.length ? ` (${addresses.slice(0, 3).join(', ')}${addresses.length > 3 ? ', …' : ''})` : '') +
      '.',
    "The users' tokens are the fixtures' (the same for everyone): anyone on the network can chat as them.",
    `Control API, live stream and inspector want the control token: x-control-token: ${server.controlToken ?? ''}`,
    `or open ${server.inspectorUrl}`,
  ];
}

const EXAMPLES = `
Examples (in this repository, \`npm run mock --\` instead of \`npx chats-ws-mock\`):
  $ npx chats-ws-mock                              # 127.0.0.1:8000, seed 42, bots on
  $ npx chats-ws-mock --port 9000 --seed 7 --no-bots
  $ npx chats-ws-mock --protocol 2                 # the later dialect, and the chat history over HTTP
  $ npx chats-ws-mock --state mock-world.json      # keep chats and messages across restarts
  $ npx chats-ws-mock --fixtures my-world.json     # a world of your own (see --dump-fixtures)
  $ npx chats-ws-mock --log json > traffic.jsonl   # machine-readable log (banner on stderr)
  $ npx chats-ws-mock --dump-fixtures > my-world.json
  $ npx chats-ws-mock --show-tokens                # every user's token in the banner
  $ npx chats-ws-mock --rate-limit 50/1s --allowed-origin http://localhost:5173

Limits (each refusal is logged, tokens masked):
  frame over --max-payload                  socket closed with 1009
  binary frame                              error event, code unsupported_data
  text frame that is not UTF-8              socket closed with 1007
  over --max-connections                    upgrade refused, HTTP 503
  over --max-connections-per-user           upgrade refused, HTTP 429
  Origin not in --allowed-origin            upgrade refused, HTTP 403
  over --rate-limit                         error event, code rate_limited (frame not read or applied)
  over --ping-limit pings                   socket closed with 1008
  a message in over --max-fragments parts   socket closed with 1008
  over --max-sockets TCP sockets            answered HTTP 503 and closed at once
  no request/upgrade in --handshake-timeout connection closed
  Host not the mock's (DNS rebinding)       HTTP 403, upgrades and every route (--allowed-host)
  page of another origin                    no CORS grant; HTTP 403 on upgrades, /__mock/ and POSTs
  a body that is not application/json       HTTP 415
  over --max-messages messages              the oldest are evicted (a log line)
  over --traffic-budget of traffic          the oldest records are dropped
  over --max-live-clients live streams      HTTP 503; a stream that falls behind is dropped
  no pong within --heartbeat                socket dropped; others get set_offline
  more than --max-buffered bytes unread     socket closed with 1013 ("dropping slow client")

Connect (the banner has user 12's token; GET /__mock/users and --show-tokens have every user's):
  new WebSocket("ws://127.0.0.1:8000/ws/chats/", ["Bearer", token])     // browsers
  ws://127.0.0.1:8000/ws/chats/?token=<token>
  npx wscat -c ws://127.0.0.1:8000/ws/chats/ -H "Authorization: Bearer <token>"
`;

interface CliOptions {
  port: number;
  host: string;
  seed: number;
  fixtures?: string;
  bots: boolean;
  botSpeed: number;
  log: LogMode;
  jwtSecret?: string;
  maxPayload: number;
  maxConnections: number;
  maxConnectionsPerUser: number;
  rateLimit?: RateLimit;
  allowedOrigin?: string[];
  allowedHost?: string[];
  controlToken?: string;
  maxSockets: number;
  handshakeTimeout: number;
  pingLimit: RateLimit | null;
  maxFragments: number;
  trafficBudget: number;
  maxLiveClients: number;
  maxMessages: number;
  heartbeat: number;
  maxBuffered: number;
  dumpFixtures?: boolean;
  protocol: '1' | '2';
  state?: string;
  showTokens?: boolean;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('chats-ws-mock')
    .description(
      'A realistic mock of the /ws/chats/ chat backend: seeded users, projects and history, every event of the spec, validation both ways, simulated users.',
    )
    .version(packageVersion())
    .option('-p, --port <number>', 'port to listen on (0: any free port)', integer('--port', 0, 65535), 8000)
    .option('-H, --host <host>', 'interface to listen on', '127.0.0.1')
    .option('-s, --seed <number>', 'seed of the fixture world and the bots', integer('--seed', 0, 2 ** 31 - 1), 42)
    .option('-f, --fixtures <file>', 'load the world from a JSON file instead of the seeded fixtures')
    .addOption(
      new Option(
        '--protocol <version>',
        "protocol version the sockets speak: 1, the protocol document's; 2, the later dialect (text, file_urls, edit_message; chat history at GET /chats/…)",
      )
        .choices(['1', '2'])
        .default('1'),
    )
    .option(
      '--state <file>',
      'keep the world in this JSON file: loaded on start if it exists, saved as it changes and on exit',
    )
    .option('--no-bots', 'no simulated users (nobody answers your direct messages)')
    .option('--bot-speed <factor>', "multiply the bots' delays (0.1: ten times faster)", factor, 1)
    .addOption(new Option('--log <mode>', 'console log format').choices(['pretty', 'json', 'silent']).default('pretty'))
    .addOption(
      new Option(
        '--jwt-secret <secret>',
        'verify JWT signatures (HS256) with this secret; fixture tokens are signed with it',
      ).env('CHATS_WS_MOCK_JWT_SECRET'),
    )
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
      '--max-connections-per-user <n>',
      'sockets one user may have open; one more is refused with HTTP 429',
      integer('--max-connections-per-user', 1, 1_000_000),
      DEFAULT_LIMITS.maxConnectionsPerUser,
    )
    .option(
      '--rate-limit <frames/period>',
      'per connection, e.g. 50/1s or 200/500ms; frames over it get a rate_limited error (default: no limit)',
      rate,
    )
    .option(
      '--allowed-origin <origin>',
      'a browser origin allowed besides the mock itself and loopback pages (repeatable; * for any); others get HTTP 403',
      origins,
    )
    .option(
      '--allowed-host <name>',
      "a Host name allowed besides the mock's own (repeatable; * for any); others get HTTP 403",
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
      '--max-messages <n>',
      'messages the world keeps; beyond it the oldest are evicted',
      integer('--max-messages', 1, 10_000_000),
      DEFAULT_MAX_MESSAGES,
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
    )
    .option(
      '--heartbeat <ms>',
      'ping period; a socket that does not answer by the next ping is dropped (0: off)',
      integer('--heartbeat', 0, 24 * 3_600_000),
      DEFAULT_LIMITS.heartbeatMs,
    )
    .option(
      '--max-buffered <bytes>',
      'bytes queued for a client that does not read before it is closed with 1013',
      integer('--max-buffered', 1024, 2 ** 31),
      DEFAULT_LIMITS.maxBufferedBytes,
    )
    .option('--show-tokens', "print every user's token under the banner (also at GET /__mock/users)")
    .option('--dump-fixtures', 'print the seeded world as JSON (a starting point for --fixtures) and exit')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(chats-ws-mock --help lists every option)');
  program.parse(argv);
  const opts = program.opts<CliOptions>();

  if (opts.dumpFixtures) {
    const world = buildFixtureWorld({ seed: opts.seed, secret: opts.jwtSecret ?? DEFAULT_DEV_SECRET });
    process.stdout.write(`${JSON.stringify(world, null, 2)}\n`);
    return;
  }

  let server: MockServer;
  try {
    server = await startMockServer({
      port: opts.port,
      host: opts.host,
      seed: opts.seed,
      protocol: opts.protocol === '2' ? 2 : 1,
      bots: opts.bots,
      botSpeed: opts.botSpeed,
      log: opts.log,
      ...(opts.fixtures !== undefined ? { fixtures: opts.fixtures } : {}),
      ...(opts.state !== undefined ? { stateFile: opts.state } : {}),
      ...(opts.jwtSecret !== undefined ? { jwtSecret: opts.jwtSecret } : {}),
      maxPayload: opts.maxPayload,
      maxConnections: opts.maxConnections,
      maxConnectionsPerUser: opts.maxConnectionsPerUser,
      heartbeatMs: opts.heartbeat,
      maxBufferedBytes: opts.maxBuffered,
      ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
      ...(opts.allowedOrigin !== undefined ? { allowedOrigins: opts.allowedOrigin } : {}),
      ...(opts.allowedHost !== undefined ? { allowedHosts: opts.allowedHost } : {}),
      ...(opts.controlToken !== undefined ? { controlToken: opts.controlToken } : {}),
      maxSockets: opts.maxSockets,
      handshakeTimeoutMs: opts.handshakeTimeout,
      pingLimit: opts.pingLimit,
      maxFragments: opts.maxFragments,
      maxMessages: opts.maxMessages,
      trafficBytes: opts.trafficBudget,
      maxLiveClients: opts.maxLiveClients,
    });
  } catch (err) {
    process.stderr.write(`chats-ws-mock: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  const toStderr = opts.log === 'json';
  const text = banner({
    url: server.url,
    wsUrl: server.wsUrl,
    users: server.users,
    projects: server.state().projects,
    seed: opts.fixtures === undefined ? opts.seed : null,
    bots: opts.bots,
    warnings: server.exposed ? exposureWarnings(server, opts.host) : [],
    color: colorsFor(toStderr ? process.stderr : process.stdout),
    stateFile: opts.state,
    showTokens: opts.showTokens,
    protocol: server.protocol,
  });
  (toStderr ? process.stderr : process.stdout).write(`${text}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`\n${signal}: closing the mock server…\n`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`chats-ws-mock: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main(process.argv);
