// The chats-ws-conformance command: parses the command line, runs the check, writes the report.
// Exit codes: 0 every required check passed; 1 some required check failed or was blocked; 2 the command line is wrong.
// Only the report goes to stdout (text, or JSON with --json); progress and --trace go to stderr.
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CHECKS } from './catalogue.js';
import { readUserSpec, USER_FORMS } from './cli-users.js';
import { formatJunit } from './junit.js';
import { exitCodeOf, formatJson, formatText } from './report.js';
import type { CheckResult } from './results.js';
import { DEFAULT_SETTLE_MS, DEFAULT_TIMEOUT_MS, isConformanceOptionsError, runConformance } from './run.js';
import type { RunUser } from './session.js';
import { formatTraceLine, type TraceListener } from './trace.js';
import { packageVersion } from '../mock-server/paths.js';

const EXAMPLE = `
Examples (in this package's own repository, \`npm run -s conformance --\` instead of \`npx chats-ws-conformance\`):
  npx chats-ws-conformance --url ws://localhost:8000/ws/chats/ \\
    --user 12:env:TOKEN_12 --user 23:env:TOKEN_23 --outsider 31:env:TOKEN_31 --project 7

  npx chats-ws-conformance --url wss://staging.example.com/ws/chats/ \\
    --user 12:file:secrets/token-12 --user 23:file:secrets/token-23 --json --junit conformance.xml

Users: ${USER_FORMS} (env: and file: keep tokens out of
logs and out of the command npm echoes). Both users must exist; with --project, both must be
members of it. The outsider is any third user who is not a member of that project. User ids are
needed to build direct chat ids ("12_23").

Exit codes: 0 every required check passed, 1 a required check failed or was blocked, 2 wrong arguments.`;

function userOption(value: string): RunUser {
  const spec = readUserSpec(value);
  if (!spec.ok) throw new InvalidArgumentError(spec.error);
  return spec.user;
}

const collectUser = (value: string, previous: RunUser[] = []): RunUser[] => [...previous, userOption(value)];

/** `--only a,b --only c` → [a, b, c]. */
const collectList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

function parseMs(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number of milliseconds');
  return number;
}

interface CliOptions {
  url?: string;
  user?: RunUser[];
  outsider?: RunUser;
  project?: number;
  timeout: number;
  settle: number;
  strict?: boolean;
  protocol: '1' | '2';
  only?: string[];
  skip?: string[];
  json?: boolean;
  junit?: string;
  trace?: boolean;
  listChecks?: boolean;
}

function listChecks(): string {
  const width = Math.max(...CHECKS.map((c) => c.name.length));
  const needs = (c: (typeof CHECKS)[number]): string => c.needs.map((n) => `, --${n}`).join('');
  return `${CHECKS.map((c) => `${c.name.padEnd(width)}  ${c.required ? 'required' : 'optional'}${needs(c)}  ${c.description}`).join('\n')}\n`;
}

/** Where the command writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** --trace: each step's frames on stderr, as they happen. */
const traceTo = (io: CliIo): TraceListener => ({
  begin: (checks, at) => io.stderr(`\n── ${checks.join(', ')}  (${new Date(at).toISOString()})\n`),
  line: (line, since) => io.stderr(`   ${formatTraceLine({ ...line, at: since }, 0, 400)}\n`),
});

const progressTo =
  (io: CliIo) =>
  (result: CheckResult): void =>
    io.stderr(`${result.status.toUpperCase().padEnd(7)}  ${result.name}\n`);

/** Runs the command with `argv` (without node and the script); resolves with the exit code. */
export async function conformanceCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command()
    .name('chats-ws-conformance')
    .description(
      'Tests a /ws/chats/ WebSocket server against the chats protocol: connects as two users, drives a scripted conversation, checks every frame the server sends, and deletes every message it created.',
    )
    .option('--url <url>', 'the endpoint, e.g. ws://localhost:8000/ws/chats/')
    .option('--user <id:token>', 'a user and its token; give exactly two (A, then B)', collectUser)
    .option(
      '--outsider <id:token>',
      'a third user, not a member of --project (the not-member checks are skipped without it)',
      userOption,
    )
    .option(
      '--project <id>',
      'a project both users are members of (project checks are skipped without it)',
      parsePositive,
    )
    .addOption(
      new Option('--timeout <ms>', 'how long to wait for each expected frame and handshake')
        .default(DEFAULT_TIMEOUT_MS)
        .argParser(parseMs),
    )
    .addOption(
      new Option('--settle <ms>', 'how long to keep listening for frames that must not arrive')
        .default(DEFAULT_SETTLE_MS)
        .argParser(parseMs),
    )
    .addOption(
      new Option(
        '--protocol <version>',
        "the protocol version the server speaks: 1, the protocol document's; 2, the later dialect (text, file_urls, project ids as strings)",
      )
        .choices(['1', '2'])
        .default('1'),
    )
    .option('--strict', 'extra fields in server frames fail the checks (by default they are warnings)')
    .option('--only <checks>', 'run only these checks: names or prefixes, comma-separated, repeatable', collectList)
    .option('--skip <checks>', 'leave these checks out: names or prefixes, comma-separated, repeatable', collectList)
    .option('--json', 'print the report as JSON on stdout (nothing else goes to stdout)')
    .option('--junit <file>', 'also write the report as JUnit XML to <file>')
    .option('--trace', 'print every frame in and out, with times, per check (on stderr)')
    .option('--list-checks', 'list every check with what it means, and exit')
    .version(packageVersion())
    .addHelpText('after', EXAMPLE)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const options = program.opts<CliOptions>();
  if (options.listChecks) {
    io.stdout(listChecks());
    return 0;
  }
  const users = options.user ?? [];
  if (!options.url || users.length !== 2) {
    io.stderr(
      `error: --url and exactly two --user <id:token> are required (got ${options.url ? 'a URL' : 'no URL'} and ${users.length} user${users.length === 1 ? '' : 's'})\n${EXAMPLE}\n`,
    );
    return 2;
  }
  const [a, b] = users as [RunUser, RunUser];
  try {
    io.stderr(`Checking ${options.url} as users ${a.id} and ${b.id}…\n`);
    const report = await runConformance({
      url: options.url,
      users: [a, b],
      outsider: options.outsider ?? null,
      projectId: options.project ?? null,
      timeoutMs: options.timeout,
      settleMs: options.settle,
      strict: options.strict ?? false,
      protocol: options.protocol === '2' ? 2 : 1,
      only: options.only,
      skip: options.skip,
      trace: options.trace ?? false,
      onTrace: options.trace ? traceTo(io) : undefined,
      onCheck: options.trace ? undefined : progressTo(io),
    });
    if (options.junit) writeFileSync(options.junit, formatJunit(report));
    io.stdout(options.json ? formatJson(report) : formatText(report));
    return exitCodeOf(report);
  } catch (err) {
    if (isConformanceOptionsError(err)) {
      io.stderr(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
