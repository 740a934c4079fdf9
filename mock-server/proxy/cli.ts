#!/usr/bin/env node
// `chats-ws-protocol proxy` (and `npm run proxy`): the validating proxy on the command line.
import { Command, Option } from 'commander';
import { exposureWarnings } from '../cli/exposure.js';
import { integer } from '../cli/parsers.js';
import { type EdgeFlags, addEdgeOptions, edgeSettings } from '../cli/edge-options.js';
import { FAULTS_HELP, type FaultFlags, addFaultOptions, linkFromFlags } from '../faults/cli-options.js';
import { describeLink } from '../faults/index.js';
import { DEFAULT_LIMITS } from '../gateway/limits.js';
import { packageVersion } from '../paths.js';
import { colorsFor } from '../style.js';
import type { LogMode } from '../traffic/log.js';
import { proxyBanner } from './banner.js';
import { DEFAULT_PROXY_PORT, type ProxyServer, startProxyServer } from './index.js';

const EXAMPLES = `
Examples (in this repository, \`npm run proxy --\` instead of \`npx chats-ws-protocol proxy\`):
  $ npx chats-ws-protocol proxy --upstream ws://localhost:8000/ws/chat/
        # your backend on 8000; point the frontend at ws://127.0.0.1:8001/ws/chats/, watch http://127.0.0.1:8001/
  $ npx chats-ws-protocol proxy --upstream wss://staging.example.com/ws/chat/ --record traffic.jsonl
  $ npx chats-ws-protocol validate traffic.jsonl   # later: every recorded frame judged by its direction
  $ npx chats-ws-protocol proxy --upstream ws://localhost:8000/ws/chat/ --latency-ms 300 --jitter-ms 100

Who broke the contract: an invalid client frame ("in") is the client's, an invalid server frame
("out", an error frame not in the spec's shape included) the server's. Every frame still reaches
the other side unchanged. GET /__mock/connections and the inspector say it per connection.
`;

interface ProxyCliOptions extends FaultFlags, EdgeFlags {
  upstream: string;
  port: number;
  host: string;
  protocol: '1' | '2';
  record?: string;
  log: LogMode;
  seed: number;
  maxBuffered: number;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('chats-ws-protocol proxy')
    .description(
      'A validating proxy between a client and a real /ws/chats/ (or, --protocol 2, /ws/chat/) server: every frame relayed unchanged both ways, judged against the spec, shown in the inspector and the log; faults on demand.',
    )
    .version(packageVersion())
    .requiredOption('-u, --upstream <url>', 'the server to relay to, e.g. ws://localhost:8000/ws/chat/')
    .option(
      '-p, --port <number>',
      'port to listen on (0: any free port)',
      integer('--port', 0, 65535),
      DEFAULT_PROXY_PORT,
    )
    .option('-H, --host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(
      new Option(
        '--protocol <version>',
        'the protocol version client and upstream speak: 1 (the protocol document) or 2 (the later dialect, /ws/chat/)',
      )
        .choices(['1', '2'])
        .default('1'),
    )
    .option(
      '--record <file>',
      'append every frame (with its verdict), handshake, close and fault to this file as JSON lines',
    )
    .addOption(new Option('--log <mode>', 'console log format').choices(['pretty', 'json', 'silent']).default('pretty'))
    .option('-s, --seed <number>', "seed of the degraded links' draws", integer('--seed', 0, 2 ** 31 - 1), 42)
    .option(
      '--max-buffered <bytes>',
      'bytes a fault (delays, a stall) may hold back per connection; beyond, frames are dropped',
      integer('--max-buffered', 1024, 2 ** 31),
      DEFAULT_LIMITS.maxBufferedBytes,
    )
    .addHelpText('after', EXAMPLES + FAULTS_HELP)
    .showHelpAfterError('(chats-ws-protocol proxy --help lists every option)');
  addEdgeOptions(program, 'the proxy');
  addFaultOptions(program);
  program.parse(argv);
  const opts = program.opts<ProxyCliOptions>();
  const link = linkFromFlags(opts);

  let proxy: ProxyServer;
  try {
    proxy = await startProxyServer({
      upstream: opts.upstream,
      port: opts.port,
      host: opts.host,
      protocol: opts.protocol === '2' ? 2 : 1,
      log: opts.log,
      seed: opts.seed,
      ...(opts.record !== undefined ? { record: opts.record } : {}),
      ...edgeSettings(opts),
      maxBufferedBytes: opts.maxBuffered,
      degradedLinks: link ? [link] : [],
    });
  } catch (err) {
    process.stderr.write(`chats-ws-protocol proxy: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  const toStderr = opts.log === 'json';
  const stream = toStderr ? process.stderr : process.stdout;
  const stats = proxy.stats();
  stream.write(
    `${proxyBanner({
      url: proxy.url,
      wsUrl: proxy.wsUrl,
      upstream: stats.upstream,
      protocol: stats.protocol,
      record: proxy.recordFile,
      links: proxy.faults
        .active()
        .links.map((rule) => `Degraded link #${rule.id} for the whole run: ${describeLink(rule)} (seed ${rule.seed})`),
      warnings: proxy.exposed ? exposureWarnings(proxy, opts.host, 'the proxy', []) : [],
      color: colorsFor(stream),
    })}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`\n${signal}: closing the proxy…\n`);
    proxy.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`chats-ws-protocol proxy: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main(process.argv);
