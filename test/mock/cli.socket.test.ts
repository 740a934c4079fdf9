// The CLI as people run it: start, print the URL, accept a connection, stop cleanly on Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect } from '../../testing/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { runMockCli as run } from './cli-process.js';

const manifestVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('chats-ws-mock CLI', () => {
  it('starts on --port 0, prints the real URL and the tokens, and closes sockets with 1001 on SIGINT', async () => {
    const cli = run(['--port', '0', '--no-bots']);
    const [, url] = await cli.waitFor(/mock server listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await cli.waitFor(/Ctrl-C to stop/);
    const { stdout } = cli.output();
    expect(stdout).toContain(`${url?.replace('http', 'ws')}/ws/chats/`);
    expect(stdout).toContain(`${url}/docs/`);
    expect(stdout).toContain(`${url}/__mock/users`);
    expect(stdout).toMatch(/new WebSocket\("ws:\/\/127\.0\.0\.1:\d+\/ws\/chats\/", \["Bearer", "eyJ[^"]+"\]\)/);
    expect(stdout).toMatch(/\?token=eyJ/);
    expect(stdout).toMatch(/-H "Authorization: Bearer eyJ[^"]+"/);
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
    for (const flag of [
      '--port',
      '--host',
      '--seed',
      '--fixtures',
      '--state',
      '--show-tokens',
      '--no-bots',
      '--log',
      '--jwt-secret',
      '--version',
      'Examples',
      'npx chats-ws-mock --port 9000',
    ])
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

/** The banner: from its title to its last line ("Ctrl-C to stop"). */
function bannerOf(stdout: string): string[] {
  const lines = stdout.split('\n');
  const first = lines.findIndex((l) => l.includes('chats-ws mock server listening on'));
  const last = lines.findIndex((l) => l.startsWith('Ctrl-C to stop'));
  return lines.slice(first, last + 1);
}

const columns = (line: string): number => [...line].length;

describe('the banner', () => {
  it('fits a terminal: at most 24 lines, 100 columns each but for three lines with one token to paste', async () => {
    const cli = run(['--port', '0', '--no-bots']);
    await cli.waitFor(/Ctrl-C to stop/);
    const lines = bannerOf(cli.output().stdout);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThanOrEqual(24);
    const users = (await (
      await fetch(`${cli.output().stdout.match(/listening on (http:\/\/\S+)/)?.[1]}/__mock/users`)
    ).json()) as { id: number; token: string }[];
    const token12 = users.find((u) => u.id === 12)?.token ?? '-';
    const withToken = lines.filter((l) => l.includes('eyJ'));
    expect(withToken).toHaveLength(3);
    for (const line of withToken) expect(line).toContain(token12);
    for (const other of users.filter((u) => u.id !== 12)) expect(lines.join('\n')).not.toContain(other.token);
    const wide = lines.filter((l) => columns(l) > 100 && !l.includes(token12));
    expect(wide).toEqual([]);
    expect(lines.join('\n')).toContain(
      '{"type":"new_message","content":{"chat_type":"project","chat_id":7,"message":"hi","reply_to":null}}',
    );
  }, 30_000);

  it("--show-tokens adds every user's token under it", async () => {
    const cli = run(['--port', '0', '--no-bots', '--show-tokens']);
    await cli.waitFor(/Users and their tokens[\s\S]*\n {2}31 /);
    const url = cli.output().stdout.match(/listening on (http:\/\/\S+)/)?.[1];
    const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
    for (const user of users) expect(cli.output().stdout).toMatch(new RegExp(`\\n {2}${user.id} .* ${user.token}\\n`));
  }, 30_000);
});

describe('the command line', () => {
  it('answers a mistyped flag with the suggestion and one line pointing to --help', async () => {
    const cli = run(['--prot', '9000']);
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr).toBe(
      "error: unknown option '--prot'\n(Did you mean --port?)\n(chats-ws-mock --help lists every option)\n",
    );
    expect(cli.output().stdout).toBe('');
  }, 30_000);

  it('--version prints the version of the package', async () => {
    const cli = run(['--version']);
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toBe(`${manifestVersion}\n`);
  }, 30_000);
});

describe('--state FILE', () => {
  it('keeps the messages and the next id across a restart, even when stopped right after a change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-state-'));
    const file = path.join(dir, 'world.json');
    try {
      const first = run(['--port', '0', '--no-bots', '--state', file]);
      const [, url] = await first.waitFor(/mock server listening on (http:\/\/\S+)/);
      expect(first.output().stdout).toContain(`State        ${file}`);
      const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
      const token = users.find((u) => u.id === 12)?.token ?? '';
      const anna = await connect(`${url?.replace('http', 'ws')}/ws/chats/`, token);
      anna.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'before the restart', reply_to: 54 },
      });
      expect((await anna.next('new_message')).content.message.id).toBe(55);
      first.child.kill('SIGTERM'); // at once: the debounced save has not run yet
      expect(await first.exited).toBe(0);

      const second = run(['--port', '0', '--no-bots', '--state', file]);
      const [, url2] = await second.waitFor(/mock server listening on (http:\/\/\S+)/);
      const state = (await (await fetch(`${url2}/__mock/state`)).json()) as {
        messages: { id: number; text: string }[];
      };
      expect(state.messages.at(-1)).toMatchObject({ id: 55, text: 'before the restart' });
      const again = await connect(`${url2?.replace('http', 'ws')}/ws/chats/`, token);
      again.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'after the restart', reply_to: 55 },
      });
      expect((await again.next('new_message')).content.message).toMatchObject({ id: 56, reply_to: 55 });
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
      expect(fs.readdirSync(dir)).toEqual(['world.json']); // no temporary file left
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a file that is not a state file, names it, and leaves it as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-state-'));
    const file = path.join(dir, 'world.json');
    fs.writeFileSync(file, '{"users": [');
    try {
      const cli = run(['--port', '0', '--no-bots', '--state', file]);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toContain(`The state file ${file} cannot be loaded: it is not JSON (`);
      expect(cli.output().stderr).toContain('It was left as it is.');
      expect(fs.readFileSync(file, 'utf8')).toBe('{"users": [');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
