// `chats-ws-mock --protocol`: listed in --help, and a version the mock does not speak is refused
// with the ones it does.
import { describe, expect, it } from 'vitest';
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
