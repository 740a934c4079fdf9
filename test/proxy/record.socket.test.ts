// --record FILE: every frame relayed as a JSON line with its verdict (and the handshakes, closes
// and faults around them), appended; `chats-ws-protocol validate` reads the file back, judging
// each frame by its direction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import { type ProxyServer, type RecordLine, startProxyServer } from '../../mock-server/proxy/index.js';
import { readFrames, validateFrames } from '../../cli/validate.js';
import { until } from '../mock/helpers.js';
import { runCli } from '../mock/cli-process.js';
import { type Upstream, openClient, startUpstream } from './upstream.js';

let upstream: Upstream;
let proxy: ProxyServer;
let dir: string;

afterEach(async () => {
  await proxy.close();
  await upstream.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const readLines = (file: string): RecordLine[] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RecordLine);

async function recordSession(file: string): Promise<void> {
  // It answers the last frame (the binary one) only: the order of the lines is the test's.
  upstream = await startUpstream({
    onFrame: (ws, frame) => {
      if (!frame.isBinary) return;
      ws.send('{"type":"set_online","content":{"user_id":12}}');
      ws.send('{"error": "Something went wrong"}');
    },
  });
  proxy = await startProxyServer({ upstream: upstream.url, port: 0, record: file });
  const token = signJwt({ user_id: 12 }, 'x');
  const client = await openClient(`${proxy.wsUrl}?token=${token}`);
  client.ws.send('{"type":"set_online","content":{}}');
  client.ws.send('{ "type": "user_typing", "content": {"chat_type":"direct","chat_id":"23_12"} }');
  client.ws.send(Buffer.from([1, 2, 3]));
  await until(() => client.frames.length === 2);
  proxy.faults.disconnect({ code: 4000, reason: 'recorded' });
  await client.closed;
  await until(() => proxy.connections()[0]?.closed_at !== null);
}

describe('--record FILE', () => {
  it('writes every frame with its direction, connection, user and verdict, between the start, open and close lines', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-record-'));
    const file = path.join(dir, 'traffic.jsonl');
    await recordSession(file);
    await proxy.close();
    const lines = readLines(file);
    expect(lines.map((l) => (l.kind === 'frame' ? `${l.kind} ${l.direction} ${l.verdict}` : l.kind))).toEqual([
      'start',
      'open',
      'frame in valid',
      'frame in invalid',
      'frame in invalid',
      'frame out valid',
      'frame out invalid',
      'fault',
      'close',
    ]);
    expect(lines[0]).toMatchObject({
      kind: 'start',
      format: 'chats-ws-protocol/proxy-record@1',
      upstream: upstream.url,
      protocol: '1',
    });
    expect(lines[2]).toEqual({
      kind: 'frame',
      time: expect.any(String),
      direction: 'in',
      connection: 'c1',
      user: 12,
      type: 'set_online',
      verdict: 'valid',
      problems: [],
      frame: { type: 'set_online', content: {} },
    });
    // The exact text is kept where the JSON would not write it back the same.
    expect(lines[3]).toMatchObject({
      verdict: 'invalid',
      problems: [{ pointer: '/content/chat_id', code: 'chat_id_order' }],
      text: '{ "type": "user_typing", "content": {"chat_type":"direct","chat_id":"23_12"} }',
    });
    expect(lines[4]).toMatchObject({ binary: 'AQID', note: 'a binary frame: the protocol has JSON text frames only' });
    expect(lines.at(-1)).toMatchObject({
      kind: 'close',
      connection: 'c1',
      code: 4000,
      reason: 'recorded',
      by: 'proxy',
    });
  });

  it('is judged again by validate, each frame by its direction, the other lines skipped', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-record-'));
    const file = path.join(dir, 'traffic.jsonl');
    await recordSession(file);
    await proxy.close();
    const report = validateFrames(readFrames(fs.readFileSync(file, 'utf8')), 'client');
    expect(report.lines).toEqual([
      'line 3 (in c1 user 12): valid set_online',
      'line 4 (in c1 user 12): INVALID user_typing',
      expect.stringMatching(/^ {2}\/content\/chat_id {2}chat_id_order {2}Chat id "23_12" is not in the format/),
      'line 5 (in c1 user 12): NOT JSON  a binary frame (the protocol has JSON text frames only)',
      'line 6 (out c1 user 12): valid set_online',
      'line 7 (out c1 user 12): INVALID',
      '  /type  missing_field  type is required',
      '5 frames (3 from clients, 2 from servers): 2 valid, 3 invalid (1 not JSON); 4 other records skipped (start, open, close, refused, fault)',
    ]);
  });

  it('appends: a second run adds its own start line, and the command exits 1 on the invalid frames', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-record-'));
    const file = path.join(dir, 'traffic.jsonl');
    await recordSession(file);
    await proxy.close();
    await upstream.close();
    await recordSession(file);
    await proxy.close();
    expect(readLines(file).filter((l) => l.kind === 'start')).toHaveLength(2);
    const cli = runCli('cli.ts', ['validate', file]);
    expect(await cli.exited).toBe(1);
    expect(cli.output().stdout).toContain(
      '10 frames (6 from clients, 4 from servers): 4 valid, 6 invalid (2 not JSON); 8 other records skipped',
    );
  }, 30_000);

  it('refuses a file it cannot open, naming it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-record-'));
    upstream = await startUpstream();
    const file = path.join(dir, 'no-such-dir', 'traffic.jsonl');
    await expect(startProxyServer({ upstream: upstream.url, port: 0, record: file })).rejects.toThrow(
      `--record ${file}: ENOENT: no such file or directory, open '${file}'`,
    );
    proxy = await startProxyServer({ upstream: upstream.url, port: 0 });
  });
});
