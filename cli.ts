#!/usr/bin/env node
// chats-ws-protocol: one entry for the package's commands.
//   chats-ws-protocol mock [options]          the mock server (same as chats-ws-mock)
//   chats-ws-protocol conformance [options]   the contract check (same as chats-ws-conformance)
//   chats-ws-protocol proxy --upstream <url>  the validating proxy between a client and a real server
//   chats-ws-protocol validate [file]         validate frames (JSON or JSON lines) against the spec
//   chats-ws-protocol diff <base> <revision>  compare two versions of the spec (see spec-diff/)
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { diffCommand } from './spec-diff/command.js';
import { readFrames, recordedProtocol, validateFrames } from './cli/validate.js';
import { packageVersion } from './mock-server/paths.js';

async function delegate(script: string, args: string[]): Promise<void> {
  process.argv = [process.argv[0] ?? 'node', script, ...args];
  await import(script);
}

const program = new Command()
  .name('chats-ws-protocol')
  .description('The /ws/chats/ chat WebSocket protocol: mock server, conformance check and frame validator.')
  .version(packageVersion())
  .showHelpAfterError('(chats-ws-protocol --help lists every command)')
  .addHelpText(
    'after',
    `
Examples:
  $ chats-ws-protocol mock --port 8000 --no-bots
  $ chats-ws-protocol proxy --upstream ws://localhost:8000/ws/chat/ --record traffic.jsonl
  $ chats-ws-protocol conformance --url ws://127.0.0.1:8000/ws/chats/ --user 12:<token> --user 23:<token> --project 7
  $ echo '{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}' | chats-ws-protocol validate
  $ chats-ws-protocol validate --server captured-frames.jsonl   # one verdict per line, then a summary
  $ chats-ws-protocol diff git:origin/main asyncapi.yaml`,
  );

program
  .command('mock')
  .description('start the mock server (see `chats-ws-protocol mock --help`)')
  .helpOption(false)
  .allowUnknownOption()
  .argument('[args...]')
  .action((args: string[]) => delegate(new URL('./mock-server/cli.js', import.meta.url).href, args));

program
  .command('conformance')
  .description('check a backend against the contract (see `chats-ws-protocol conformance --help`)')
  .helpOption(false)
  .allowUnknownOption()
  .argument('[args...]')
  .action((args: string[]) => delegate(new URL('./conformance/cli.js', import.meta.url).href, args));

program
  .command('proxy')
  .description(
    'a validating proxy between your app and a real server, with faults (see `chats-ws-protocol proxy --help`)',
  )
  .helpOption(false)
  .allowUnknownOption()
  .argument('[args...]')
  .action((args: string[]) => delegate(new URL('./mock-server/proxy/cli.js', import.meta.url).href, args));

program
  .command('validate')
  .description('validate frames against the spec: a verdict per frame and a summary; exit 1 when any is invalid')
  .argument(
    '[file]',
    "a JSON frame, a JSON array of frames, JSON lines, or a proxy's --record file; - or nothing for stdin",
  )
  .addOption(
    new Option(
      '--server',
      "the frames were sent by a server (default: by a client; a proxy record's say it themselves)",
    ),
  )
  .addOption(
    new Option(
      '--protocol <version>',
      "the protocol version the frames are of (2: the later dialect; default: 1, or what a proxy record's start line says)",
    ).choices(['1', '2']),
  )
  .action((file: string | undefined, opts: { server?: boolean; protocol?: '1' | '2' }) => {
    const stdin = !file || file === '-';
    const frames = readFrames(fs.readFileSync(stdin ? 0 : file, 'utf8'));
    const protocol = opts.protocol !== undefined ? (opts.protocol === '2' ? 2 : 1) : (recordedProtocol(frames) ?? 1);
    const report = validateFrames(frames, opts.server ? 'server' : 'client', protocol);
    if (report.total === 0) throw new Error(`chats-ws-protocol validate: ${stdin ? 'stdin' : file} holds no frames`);
    console.log(report.lines.join('\n'));
    process.exitCode = report.valid === report.total ? 0 : 1;
  });

program.addCommand(diffCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
