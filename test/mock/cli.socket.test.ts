// The CLI as people run it: start, print the URL, accept a connection, stop cleanly on Ctrl-C.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { runMockCli as run } from './cli-process.js';

describe('chats-ws-mock CLI', () => {
  it('starts on --port 0, prints the real URL and the tokens, and closes sockets with 1001 on SIGINT', async () => {
    const cli = run(['--port', '0', '--no-bots']);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const { stdout } = cli.output();
    expect(stdout).toContain(`${url?.replace('http', 'ws')}/ws/chats/`);
    expect(stdout).toContain(`${url}/docs/`);
    expect(stdout).toMatch(/new WebSocket\("ws:\/\/127\.0\.0\.1:\d+\/ws\/chats\/", \["Bearer", "eyJ[^"]+"\]\)/);
    expect(stdout).toMatch(/\?token=eyJ/);
    expect(stdout).toMatch(/bots off/);
    const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
    const token = users.find((u) => u.id === 12)?.token ?? '';
    const ws = new WebSocket(`${url?.replace('http', 'ws')}/ws/chats/`, ['Bearer', token]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    cli.child.kill('SIGINT');
    expect(await closed).toBe(1001);
    expect(await cli.exited).toBe(0);
  }, 30_000);

  it('--help explains the flags with examples', async () => {
    const cli = run(['--help']);
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    for (const flag of ['--port', '--host', '--seed', '--fixtures', '--no-bots', '--log', '--jwt-secret', 'Examples:'])
      expect(stdout).toContain(flag);
  }, 30_000);

  it('exits 1 with a clear message for a fixtures file that does not exist', async () => {
    const cli = run(['--port', '0', '--fixtures', '/nonexistent/world.json']);
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr).toMatch(/Invalid fixtures:\n {2}cannot read \/nonexistent\/world\.json/);
  }, 30_000);

  it('--dump-fixtures prints the seeded world as JSON', async () => {
    const cli = run(['--dump-fixtures', '--seed', '42']);
    expect(await cli.exited).toBe(0);
    const world = JSON.parse(cli.output().stdout) as { users: unknown[]; projects: unknown[]; messages: unknown[] };
    expect([world.users.length, world.projects.length, world.messages.length]).toEqual([10, 3, 54]);
  }, 30_000);
});
