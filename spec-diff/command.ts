// `chats-ws-protocol diff <base> <revision>`: the command line of the protocol diff.
// Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 bad input (a spec or ref that
// cannot be read) or a wrong command line.
import { Command, Option } from 'commander';
import { CHECKS } from './catalogue.js';
import { diffSpecs } from './diff.js';
import { loadSpec } from './load.js';
import { exitCodeOf, formatJson, formatMarkdown, formatText } from './report.js';
import { openSource } from './sources.js';
import { SEVERITIES, type Severity } from './types.js';

const HELP = `
Each side is a path to an asyncapi.yaml (its $refs are read relative to it), or git:<ref> for the
spec at that commit of the current repository (git:<ref>:<path> for another file than asyncapi.yaml;
nothing is checked out).

Examples:
  $ chats-ws-protocol diff git:origin/main asyncapi.yaml
  $ chats-ws-protocol diff git:v1.0.0 asyncapi.yaml --semver            # what CI runs
  $ chats-ws-protocol diff old/asyncapi.yaml asyncapi.yaml --format markdown > CHANGES.md
  $ npm run diff -- git:main asyncapi.yaml --json

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 bad input (a spec that does not
parse, a $ref or git ref that does not exist, a wrong command line).`;

interface DiffOptions {
  format: 'text' | 'json' | 'markdown';
  json?: boolean;
  failOn: Severity;
  semver?: boolean;
  listChecks?: boolean;
}

function listChecks(): string {
  const width = Math.max(...CHECKS.map((c) => c.id.length));
  return `${CHECKS.map((c) => `${c.id.padEnd(width)}  ${c.description}`).join('\n')}\n`;
}

/** Runs the comparison and prints the report; resolves with the exit code. */
export function runDiff(
  base: string,
  revision: string,
  options: Omit<DiffOptions, 'listChecks'>,
  io: { out: (s: string) => void; err: (s: string) => void; cwd?: string } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): 0 | 1 | 2 {
  const sides = [
    ['base', base],
    ['revision', revision],
  ] as const;
  const loaded = [];
  for (const [role, arg] of sides) {
    const source = openSource(arg, io.cwd);
    const spec = source.ok ? loadSpec(source.value) : source;
    if (!spec.ok) {
      io.err(`chats-ws-protocol diff: cannot read the ${role} ${arg}: ${spec.error.message} [${spec.error.code}]\n`);
      return 2;
    }
    loaded.push(spec.value);
  }
  const report = diffSpecs(loaded[0] as (typeof loaded)[0], loaded[1] as (typeof loaded)[0]);
  const format = options.json ? 'json' : options.format;
  io.out(format === 'json' ? formatJson(report) : format === 'markdown' ? formatMarkdown(report) : formatText(report));
  return exitCodeOf(report, options.failOn, options.semver);
}

/** The `diff` subcommand, for the package's root command. */
export function diffCommand(): Command {
  return new Command('diff')
    .description('compare two versions of the spec: every change, whom it breaks, and the semver bump it needs')
    .argument('[base]', 'the version to compare against: a path to asyncapi.yaml, or git:<ref>[:<path>]')
    .argument('[revision]', 'the new version, the same way (e.g. asyncapi.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--json', 'the same as --format json')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(SEVERITIES)
        .default('breaking'),
    )
    .option(
      '--semver',
      'fail only on changes info.version does not announce (a breaking change without a major bump, ...)',
    )
    .option('--list-checks', 'list every check with its rule, and exit')
    .addHelpText('after', HELP)
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action((base: string | undefined, revision: string | undefined, options: DiffOptions) => {
      if (options.listChecks) {
        process.stdout.write(listChecks());
        return;
      }
      if (!base || !revision) {
        process.stderr.write(`chats-ws-protocol diff: give two specs, <base> and <revision>\n${HELP}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = runDiff(base, revision, options);
    });
}
