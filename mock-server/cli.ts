#!/usr/bin/env node
// chats-ws-mock: the mock chat backend on the command line (`npm run mock`).
import { Command, Option } from 'commander';
import { banner } from './cli/banner.js';
import { exposureWarnings } from './cli/exposure.js';
import { factor, integer, rate } from './cli/parsers.js';
import { type EdgeFlags, addEdgeOptions, edgeSettings } from './cli/edge-options.js';
import { FAULTS_HELP, type FaultFlags, addFaultOptions, linkFromFlags } from './faults/cli-options.js';
import { describeLink } from './faults/index.js';
import { buildFixtureWorld } from './world/fixtures.js';
import { DEFAULT_MAX_MESSAGES, type MockServer, startMockServer } from './index.js';
import { DEFAULT_LIMITS, type RateLimit } from './gateway/limits.js';
import { DEFAULT_DEV_SECRET } from './gateway/jwt.js';
import type { LogMode } from './traffic/log.js';
import { packageVersion } from './paths.js';
import { colorsFor } from './style.js';
import { bufferedOutput, flushOnExit } from './traffic/output.js';

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

interface CliOptions extends FaultFlags, EdgeFlags {
  port: number;
  host: string;
  seed: number;
  fixtures?: string;
  bots: boolean;
  botSpeed: number;
  log: LogMode;
  jwtSecret?: string;
  maxConnectionsPerUser: number;
  rateLimit?: RateLimit;
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
      '--max-messages <n>',
      'messages the world keeps; beyond it the oldest are evicted',
      integer('--max-messages', 1, 10_000_000),
      DEFAULT_MAX_MESSAGES,
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
    .addHelpText('after', EXAMPLES + FAULTS_HELP)
    .showHelpAfterError('(chats-ws-mock --help lists every option)');
  addEdgeOptions(program, 'the mock');
  addFaultOptions(program);
  program.parse(argv);
  const opts = program.opts<CliOptions>();

  if (opts.dumpFixtures) {
    const world = buildFixtureWorld({ seed: opts.seed, secret: opts.jwtSecret ?? DEFAULT_DEV_SECRET });
    process.stdout.write(`${JSON.stringify(world, null, 2)}\n`);
    return;
  }

  // The log, buffered (see traffic/output.ts): written without a system call per line, and
  // flushed on exit, on Ctrl-C and on a crash, so no line is lost.
  const toStderr = opts.log === 'json';
  const output = bufferedOutput(process.stdout);
  flushOnExit(output, 'chats-ws-mock');
  const color = colorsFor(toStderr ? process.stderr : process.stdout);

  const link = linkFromFlags(opts);
  let server: MockServer;
  try {
    server = await startMockServer({
      logTo: { stdout: (text) => output.write(text), color: colorsFor(process.stdout) },
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
      ...edgeSettings(opts),
      maxConnectionsPerUser: opts.maxConnectionsPerUser,
      heartbeatMs: opts.heartbeat,
      maxBufferedBytes: opts.maxBuffered,
      ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
      maxMessages: opts.maxMessages,
      degradedLinks: link ? [link] : [],
    });
  } catch (err) {
    process.stderr.write(`chats-ws-mock: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  const text = banner({
    url: server.url,
    wsUrl: server.wsUrl,
    users: server.users,
    projects: server.state().projects,
    seed: opts.fixtures === undefined ? opts.seed : null,
    bots: opts.bots,
    warnings: server.exposed ? exposureWarnings(server, opts.host) : [],
    color,
    stateFile: opts.state,
    showTokens: opts.showTokens,
    protocol: server.protocol,
  });
  const say = (line: string): void => {
    if (toStderr) process.stderr.write(line);
    else output.write(line);
  };
  say(`${text}\n`);
  for (const rule of server.faults.active().links)
    say(
      `Degraded link #${rule.id} for the whole run: ${describeLink(rule)} (seed ${rule.seed}); DELETE ${server.url}/__mock/faults ends it\n`,
    );

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
