// The proxy and the fault flags on the command line, as people run them: `chats-ws-protocol proxy`
// in front of a mock, a degraded link for the whole run, clear refusals of wrong values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { runCli, runMockCli } from '../mock/cli-process.js';
import { tokenOf } from '../mock/helpers.js';
import { faultsOf } from '../faults/control.js';
import { openClient } from './upstream.js';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false });
});
afterAll(async () => {
  await mock.close();
});

describe('chats-ws-protocol proxy', () => {
  it('relays to the upstream, prints where, keeps a degraded link for the whole run, and closes with 1001 on SIGINT', async () => {
    const cli = runCli('cli.ts', ['proxy', '--upstream', mock.wsUrl, '--port', '0', '--latency-ms', '20']);
    const [, url] = await cli.waitFor(/validating proxy listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await cli.waitFor(/Ctrl-C to stop/);
    const { stdout } = cli.output();
    expect(stdout).toContain(`WebSocket    ${url?.replace('http', 'ws')}/ws/chats/`);
    expect(stdout).toContain(`Upstream     ${mock.wsUrl}`);
    expect(stdout).toContain('Degraded link #1 for the whole run: latency 20 ms, both ways, every user (seed 42)');
    expect((await faultsOf(url ?? '')).links).toMatchObject([{ id: 1, latency_ms: 20 }]);
    const client = await openClient(`${url?.replace('http', 'ws')}/ws/chats/`, ['Bearer', tokenOf(mock, 12)]);
    expect(client.ws.protocol).toBe('Bearer');
    client.ws.send('{"type":"set_online","content":{}}');
    await cli.waitFor(/in +user 12 \[proxy\] +set_online/);
    cli.child.kill('SIGINT');
    expect((await client.closed).code).toBe(1001);
    expect(await cli.exited).toBe(0);
  }, 30_000);

  it.each([
    [
      ['--upstream', 'ftp://example.com/'],
      'chats-ws-protocol proxy: the upstream must be a ws:// or wss:// URL, got "ftp://example.com/"',
    ],
    [[], "error: required option '-u, --upstream <url>' not specified"],
    [
      ['--upstream', 'ws://x/', '--drop-rate', '2'],
      "error: option '--drop-rate <share>' argument '2' is invalid. --drop-rate is a share from 0 to 1 (0.1, or 10%).",
    ],
  ])(
    'refuses %j: exit 1 and says why',
    async (args, message) => {
      const cli = runCli('mock-server/proxy/cli.ts', ['--port', '0', ...args]);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toContain(message);
    },
    30_000,
  );

  it('--help lists the upstream, the recording, the limits and the faults, with examples', async () => {
    const cli = runCli('cli.ts', ['proxy', '--help']);
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    for (const text of [
      '--upstream <url>',
      '--record <file>',

      '--max-payload <bytes>',
      '--allowed-origin',
      '--latency-ms <ms>',
      '--fault-direction <in|out>',
      'validate traffic.jsonl',
      'Who broke the contract',
    ])
      expect(stdout).toContain(text);
    expect(stdout).toMatch(/--port <number> .*\(default:\s+8001\)/s);
  }, 30_000);
});

describe('chats-ws-mock fault flags', () => {
  it('keep a degraded link for the whole run and say so under the banner', async () => {
    const cli = runMockCli([
      '--port',
      '0',
      '--no-bots',
      '--drop-rate',
      '10%',
      '--fault-direction',
      'out',
      '--fault-user',
      '12',
    ]);
    const [, url] = await cli.waitFor(/mock server listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await cli.waitFor(/Degraded link #1/);
    expect(cli.output().stdout).toContain(
      `Degraded link #1 for the whole run: drop 10%, out (server → client), user 12 (seed 42); DELETE ${url}/__mock/faults ends it`,
    );
    expect((await faultsOf(url ?? '')).links).toMatchObject([{ drop_rate: 0.1, direction: 'out', user: 12, seed: 42 }]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 30_000);
});
