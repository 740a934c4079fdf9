// The validating proxy speaking protocol 2 (`proxy --protocol 2`): the later frontend's socket goes
// through it to a backend that speaks version 2 (here the mock with --protocol 2). Every frame both
// ways is judged against version 2's documents, where version 1's would have refused most of them;
// the record says its version, so `validate` judges it again by the same one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';
import { readFrames, recordedProtocol, validateFrames } from '../../cli/validate.js';
import { runCli } from '../mock/cli-process.js';
import { until } from '../mock/helpers.js';
import { LaterFrontend } from './later-frontend.js';

let mock: MockServer | null = null;
let proxy: ProxyServer | null = null;
const frontends: LaterFrontend[] = [];
let dir = '';

afterEach(async () => {
  for (const frontend of frontends.splice(0)) frontend.close();
  await proxy?.close();
  await mock?.close();
  proxy = mock = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function frontendsThrough(protocol: 1 | 2, record?: string) {
  mock = await startMockServer({ port: 0, bots: false, protocol: 2 });
  proxy = await startProxyServer({
    upstream: mock.wsUrl,
    port: 0,
    protocol,
    ...(record !== undefined ? { record } : {}),
  });
  const token = (id: number) => mock?.users.find((u) => u.id === id)?.token ?? '';
  const anna = new LaterFrontend(proxy.url, 12, token(12));
  const james = new LaterFrontend(proxy.url, 23, token(23));
  frontends.push(anna, james);
  await anna.connect('subprotocol');
  await james.connect('query');
  return { anna, james, proxy };
}

/** A direct-chat conversation as the later frontend has it: text with files, a read, an edit, a delete. */
async function converse(anna: LaterFrontend, james: LaterFrontend): Promise<void> {
  anna.send({
    type: 'new_message',
    content: {
      chat_type: 'direct',
      chat_id: '12_23',
      text: 'the agenda',
      reply_to: null,
      file_urls: ['https://api.example.com/media/chat_files/agenda.pdf'],
    },
  });
  const sent = (await james.next('new_message', (e) => e.content.chat_id === '12_23')).content.message.id;
  await anna.next('new_message', (e) => e.content.message.id === sent);
  james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: sent } });
  await anna.next('message_read', (e) => e.content.message_id === sent);
  anna.send({
    type: 'edit_message',
    content: { chat_type: 'direct', chat_id: '12_23', message_id: sent, text: 'the agenda, v2' },
  });
  await james.next('edit_message', (e) => e.content.message.id === sent);
  anna.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: sent } });
  await james.next('delete_message', (e) => e.content.message_id === sent);
  james.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: '7' } });
  await anna.next('user_typing', (e) => e.content.user_id === 23 && e.content.chat_type === 'project');
}

describe('the proxy speaking protocol 2', () => {
  it('offers /ws/chat/, relays the later frontend both ways, and finds every frame valid against version 2', async () => {
    const { anna, james, proxy } = await frontendsThrough(2);
    expect(proxy.wsUrl).toMatch(/\/ws\/chat\/$/);
    expect(proxy.stats().protocol).toBe('2');
    expect(anna.protocol).toBe('Bearer');
    await converse(anna, james);
    expect([...anna.refusals, ...james.refusals]).toEqual([]);
    await until(
      () => proxy.traffic.recent(1000).filter((r) => r.direction === 'out' && r.type === 'user_typing').length >= 1,
    );
    const records = proxy.traffic.recent(1000).filter((r) => r.source === 'proxy');
    const kinds = new Set(records.map((r) => `${r.direction} ${r.type}`));
    for (const kind of [
      'in new_message',
      'in edit_message',
      'in delete_message',
      'out edit_message',
      'out new_message',
    ])
      expect(kinds).toContain(kind);
    expect(
      records.filter((r) => !r.valid).map((r) => ({ dir: r.direction, type: r.type, problems: r.problems })),
    ).toEqual([]);
    expect(proxy.connections().map((c) => c.broke_contract)).toEqual([null, null]);
  });

  it('with protocol 1 (the default) judges the same conversation against version 1, and blames both sides', async () => {
    const { anna, james, proxy } = await frontendsThrough(1);
    await converse(anna, james);
    const invalid = proxy.traffic.recent(1000).filter((r) => r.source === 'proxy' && !r.valid);
    expect(invalid.some((r) => r.direction === 'in' && r.type === 'edit_message')).toBe(true);
    expect(invalid.some((r) => r.direction === 'out' && r.type === 'new_message')).toBe(true);
    expect(proxy.connections().map((c) => c.broke_contract)).toEqual(['both', 'both']);
  });

  it('writes its version on the record, and validate judges the record by it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-v2-record-'));
    const file = path.join(dir, 'traffic.jsonl');
    const { anna, james, proxy } = await frontendsThrough(2, file);
    await converse(anna, james);
    await proxy.close();
    const frames = readFrames(fs.readFileSync(file, 'utf8'));
    expect(recordedProtocol(frames)).toBe(2);
    const report = validateFrames(frames, 'client', 2);
    expect(report.total).toBeGreaterThan(10);
    expect(report.invalid + report.notJson).toBe(0);
    // The command reads the version from the record's start line; --protocol 1 overrides it.
    const byRecord = runCli('cli.ts', ['validate', file]);
    expect(await byRecord.exited).toBe(0);
    expect(byRecord.output().stdout).toMatch(/: \d+ valid, 0 invalid/);
    const asVersion1 = runCli('cli.ts', ['validate', '--protocol', '1', file]);
    expect(await asVersion1.exited).toBe(1);
    expect(asVersion1.output().stdout).toMatch(/INVALID edit_message/);
  });

  it('says its version in the banner, and --help names --protocol', async () => {
    mock = await startMockServer({ port: 0, bots: false, protocol: 2 });
    const cli = runCli('cli.ts', [
      'proxy',
      '--upstream',
      mock.wsUrl,
      '--port',
      '0',
      '--protocol',
      '2',
      '--record',
      '/dev/null',
    ]);
    const [, wsUrl] = await cli.waitFor(/WebSocket +(ws:\/\/\S+)/);
    expect(wsUrl).toMatch(/\/ws\/chat\/$/);
    const { stdout } = cli.output();
    expect(stdout).toContain('(protocol 2)');
    expect(stdout).toContain('(and /ws/chats/)');
    expect(stdout).toContain('check with: validate --protocol 2 FILE');
    cli.child.kill('SIGTERM');
    const help = runCli('cli.ts', ['proxy', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toMatch(/--protocol <version>[\s\S]*choices: "1", "2"/);
  });
});
