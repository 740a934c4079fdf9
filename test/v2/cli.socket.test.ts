// `--protocol` on the command line: the mock's (listed in --help; a version it does not speak is
// refused with the ones it does), and `chats-ws-protocol validate --protocol 2` for captured frames.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { binArgs } from '../helpers/bin.js';
import { runMockCli } from '../mock/cli-process.js';

describe('chats-ws-mock --protocol', () => {
  it('is listed in --help, with its choices and an example', async () => {
    const cli = runMockCli(['--help']);
    expect(await cli.exited).toBe(0);
    const stdout = cli.output().stdout.replace(/\s+/g, ' ');
    expect(stdout).toContain(
      `--protocol <version> protocol version the sockets speak: 1, the protocol document's; 2, the later dialect`,
    );
    expect(stdout).toContain('(choices: "1", "2", default: "1")');
    expect(stdout).toContain('$ npx chats-ws-mock --protocol 2 # the later dialect');
  });

  it('refuses a version it does not speak, naming the ones it does', async () => {
    const cli = runMockCli(['--protocol', '3', '--port', '0']);
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr).toContain(
      "error: option '--protocol <version>' argument '3' is invalid. Allowed choices are 1, 2.",
    );
  });
});

describe('chats-ws-protocol validate --protocol 2', () => {
  const validate = (args: string[], input: string) =>
    spawnSync(process.execPath, [...binArgs('cli.ts'), 'validate', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  const lines = [
    '{"type":"new_message","content":{"chat_type":"project","chat_id":"7","text":"hi","reply_to":null,"file_urls":[]}}',
    '{"type":"edit_message","content":{"chat_type":"direct","chat_id":"12_23","message_id":55,"text":"hello, world"}}',
  ].join('\n');

  it('judges frames against version 2', () => {
    const r = validate(['--protocol', '2'], lines);
    expect([r.status, r.stdout]).toEqual([
      0,
      'line 1: valid new_message\nline 2: valid edit_message\n2 client frames: 2 valid, 0 invalid\n',
    ]);
  });

  it('and the same frames against version 1 (the default) are refused', () => {
    const r = validate([], lines);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('line 2: INVALID edit_message\n  /type  unknown_event_type');
  });
});
