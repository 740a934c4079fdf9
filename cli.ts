#!/usr/bin/env node
// chats-ws-protocol: one entry for the package's commands.
//   chats-ws-protocol mock [options]          the mock server (same as chats-ws-mock)
//   chats-ws-protocol conformance [options]   the contract check (same as chats-ws-conformance)
//   chats-ws-protocol validate [file]         validate frames (JSON or JSON lines) against the spec
//   chats-ws-protocol diff <base> <revision>  compare two versions of the spec (see spec-diff/)
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { validateClientEvent, validateServerEvent } from './protocol/index.js';
import { diffCommand } from './spec-diff/command.js';

async function delegate(script: string, args: string[]): Promise<void> {
  process.argv = [process.argv[0] ?? 'node', script, ...args];
  await import(script);
}

/** Frames from a file or stdin: one JSON document, a JSON array of frames, or JSON lines. */
function readFrames(text: string): unknown[] {
  const trimmed = text.trim();
  try {
    const whole = JSON.parse(trimmed) as unknown;
    return Array.isArray(whole) && whole.every((f) => f && typeof f === 'object' && !Array.isArray(f))
      ? whole
      : [whole];
  } catch {
    return trimmed
      .split('\n')
      .filter((l) => l.trim())
      .map((line, i) => {
        try {
          return JSON.parse(line) as unknown;
        } catch (err) {
          throw new Error(`line ${i + 1} is not JSON: ${(err as Error).message}`);
        }
      });
  }
}

const program = new Command()
  .name('chats-ws-protocol')
  .description('The /ws/chats/ chat WebSocket protocol: mock server, conformance check and frame validator.')
  .addHelpText(
    'after',
    `
Examples:
  $ chats-ws-protocol mock --port 8000 --no-bots
  $ chats-ws-protocol conformance --url ws://127.0.0.1:8000/ws/chats/ --user 12:<token> --user 23:<token> --project 7
  $ echo '{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}' | chats-ws-protocol validate
  $ chats-ws-protocol validate --server captured-frames.jsonl
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
  .command('validate')
  .description('validate frames against the spec; exit 1 when any is invalid')
  .argument('[file]', 'a JSON frame, a JSON array of frames, or JSON lines; - or nothing for stdin')
  .addOption(new Option('--server', 'the frames were sent by a server (default: by a client)'))
  .action((file: string | undefined, opts: { server?: boolean }) => {
    const text = !file || file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
    const validate = opts.server ? validateServerEvent : validateClientEvent;
    let invalid = 0;
    readFrames(text).forEach((frame, i) => {
      const result = validate(frame);
      if (result.ok) return console.log(`frame ${i + 1}: valid ${result.event.type}`);
      invalid++;
      console.log(`frame ${i + 1}: INVALID`);
      for (const p of result.problems) console.log(`  ${p.pointer || '(frame)'}  ${p.code}  ${p.message}`);
    });
    process.exitCode = invalid ? 1 : 0;
  });

program.addCommand(diffCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
