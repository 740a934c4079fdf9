#!/usr/bin/env node
// chats-ws-conformance: checks a /ws/chats/ server against the contract and prints a report.
// Exit codes: 0 every required check passed; 1 some required check failed; 2 the command line is wrong.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CHECKS } from './catalogue.js';
import { exitCodeOf, formatJson, formatText } from './report.js';
import { DEFAULT_SETTLE_MS, DEFAULT_TIMEOUT_MS, isConformanceOptionsError, runConformance } from './run.js';
import type { RunUser } from './session.js';

const EXAMPLE = `
Example (in this package's own repository: npm run conformance -- …):
  npx chats-ws-conformance --url ws://localhost:8000/ws/chats/ \\
    --user 12:<token of user 12> --user 23:<token of user 23> --project 7

Both users must exist; with --project, both must be members of that project. User ids are needed
to build direct chat ids ("12_23"); tokens are sent as they are.

Exit codes: 0 every required check passed, 1 a required check failed, 2 wrong arguments.`;

function parseUser(value: string, previous: RunUser[] = []): RunUser[] {
  const colon = value.indexOf(':');
  const id = Number(value.slice(0, colon));
  const token = value.slice(colon + 1);
  if (colon < 1 || !Number.isSafeInteger(id) || id < 1 || !token) {
    throw new InvalidArgumentError('expected <id>:<token>, e.g. 12:eyJhbGciOi...');
  }
  return [...previous, { id, token }];
}

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
  project?: number;
  timeout: number;
  settle: number;
  json?: boolean;
  listChecks?: boolean;
}

function listChecks(): string {
  const width = Math.max(...CHECKS.map((c) => c.name.length));
  return `${CHECKS.map((c) => `${c.name.padEnd(width)}  ${c.required ? 'required' : 'optional'}${c.needsProject ? ', --project' : ''}  ${c.description}`).join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('chats-ws-conformance')
    .description(
      'Tests a /ws/chats/ WebSocket server against the chats protocol: connects as two users, drives a scripted conversation, and checks every frame the server sends.',
    )
    .option('--url <url>', 'the endpoint, e.g. ws://localhost:8000/ws/chats/')
    .option('--user <id:token>', 'a user id and its token; give exactly two (A, then B)', parseUser)
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
    .option('--json', 'print the report as JSON (for CI)')
    .option('--list-checks', 'list every check with what it means, and exit')
    .addHelpText('after', EXAMPLE)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const options = program.opts<CliOptions>();
  if (options.listChecks) {
    process.stdout.write(listChecks());
    return 0;
  }
  const users = options.user ?? [];
  if (!options.url || users.length !== 2) {
    process.stderr.write(
      `error: --url and exactly two --user <id:token> are required (got ${options.url ? 'a URL' : 'no URL'} and ${users.length} user${users.length === 1 ? '' : 's'})\n${EXAMPLE}\n`,
    );
    return 2;
  }
  const [a, b] = users as [RunUser, RunUser];
  try {
    if (!options.json) process.stderr.write(`Checking ${options.url} as users ${a.id} and ${b.id}…\n`);
    const report = await runConformance({
      url: options.url,
      users: [a, b],
      projectId: options.project ?? null,
      timeoutMs: options.timeout,
      settleMs: options.settle,
    });
    process.stdout.write(options.json ? formatJson(report) : formatText(report));
    return exitCodeOf(report);
  } catch (err) {
    if (isConformanceOptionsError(err)) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`chats-ws-conformance: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
