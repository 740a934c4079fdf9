#!/usr/bin/env node
// chats-ws-conformance: checks a /ws/chats/ server against the contract and prints a report
// (see cli-main.ts; `--help` for the options).
import { conformanceCli } from './cli-main.js';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

conformanceCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`chats-ws-conformance: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
