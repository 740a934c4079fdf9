// The limit flags of chats-ws-mock, end to end: --help documents them, bad values are refused,
// and a running mock applies them.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { refusedStatus } from '../mock/helpers.js';
import { runMockCli as run } from '../mock/cli-process.js';

describe('chats-ws-mock limit flags', () => {
  it('--help explains every limit flag with its default, and what each limit answers', async () => {
    const cli = run(['--help']);
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    for (const text of [
      '--max-payload <bytes>',
      '(default: 65536)',
      '--max-connections <n>',
      '(default: 10000)',
      '--max-connections-per-user <n>',
      '(default: 20)',
      '--rate-limit <frames/period>',
      '--allowed-origin <origin>',
      '--heartbeat <ms>',
      '30000)',
      '--max-buffered <bytes>',
      '4194304)',
      'socket closed with 1009',
      'HTTP 429',
      'code rate_limited',
    ])
      expect(stdout).toContain(text);
  }, 30_000);

  it.each([
    [['--rate-limit', 'fast'], 'a rate limit looks like 50/1s'],
    [['--allowed-origin', 'localhost:5173'], 'an allowed origin looks like https://app.example.com'],
    [['--max-connections-per-user', '0'], '--max-connections-per-user must be an integer from 1'],
  ])(
    'refuses %j: exit 1 and says why',
    async (args, message) => {
      const cli = run(['--port', '0', ...args]);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toContain(message);
    },
    30_000,
  );

  it('applies them: 429 over the per-user cap, 403 for another origin, rate_limited over the rate', async () => {
    const cli = run([
      '--port',
      '0',
      '--no-bots',
      '--max-connections-per-user',
      '1',
      '--allowed-origin',
      'http://localhost:5173',
      '--rate-limit',
      '1/1m',
    ]);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
    const token = users.find((u) => u.id === 12)?.token ?? '';
    const wsUrl = `${url?.replace('http', 'ws')}/ws/chats/`;
    const ws = new WebSocket(wsUrl, ['Bearer', token], { headers: { Origin: 'http://localhost:5173' } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect((await refusedStatus(wsUrl, { protocols: ['Bearer', token] })).status).toBe(429);
    const other = users.find((u) => u.id === 23)?.token ?? '';
    expect(
      (await refusedStatus(wsUrl, { protocols: ['Bearer', other], headers: { Origin: 'http://evil.example' } })).status,
    ).toBe(403);
    const answers: { type: string; content: { code?: string } }[] = [];
    ws.on('message', (data) => answers.push(JSON.parse(data.toString())));
    const typing = JSON.stringify({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    ws.send(typing);
    ws.send(typing);
    const deadline = Date.now() + 5000;
    while (answers.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(answers.map((a) => a.content.code ?? a.type)).toEqual(['user_typing', 'rate_limited']);
    ws.close();
    await cli.waitFor(/refused .*HTTP 429/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 30_000);
});
