// startMockServer({ stateFile }): the world kept across restarts (messages, the next id), saved
// shortly after changes and on close, atomically; reset still returns to the fixtures; files that
// are not state files are refused with their name and left alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, type MockServerOptions, startMockServer } from '../../mock-server/index.js';
import { STATE_FORMAT } from '../../mock-server/world/state-file.js';
import { connectAs } from '../../testing/index.js';
import { until } from './helpers.js';

let dir: string;
let file: string;
const open: MockServer[] = [];

const start = async (options: MockServerOptions = {}): Promise<MockServer> => {
  const mock = await startMockServer({ port: 0, bots: false, stateFile: file, ...options });
  open.push(mock);
  return mock;
};

const message = (text: string, replyTo: number | null = null) =>
  ({
    type: 'new_message',
    content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: replyTo },
  }) as const;

const saved = (): { format: string; next_message_id: number; messages: { id: number; text: string }[] } =>
  JSON.parse(fs.readFileSync(file, 'utf8'));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-state-'));
  file = path.join(dir, 'world.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a state file', () => {
  it('is written at start, and a restart keeps the chats, the messages and the next id', async () => {
    const first = await start();
    expect(saved()).toMatchObject({ format: STATE_FORMAT, next_message_id: 55 });
    expect(first.actAs(12, message('one')).ok).toBe(true);
    expect(first.actAs(23, message('two', 55)).ok).toBe(true);
    expect(
      first.actAs(12, { type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 55 } })
        .ok,
    ).toBe(true);
    const newChat = { chat_type: 'direct', chat_id: '12_27', message: 'a new chat', reply_to: null } as const;
    expect(first.actAs(12, { type: 'new_message', content: newChat }).ok).toBe(true);
    const chatsBefore = first.state().chats;
    expect(chatsBefore.map((c) => c.chat_id)).toContain('12_27');
    await first.close();

    const second = await start();
    expect(second.state().messages.slice(-3)).toMatchObject([
      { id: 55, text: 'one', is_deleted: true },
      { id: 56, text: 'two', reply_to: 55, author_id: 23 },
      { id: 57, text: 'a new chat', chat_id: '12_27' },
    ]);
    expect(second.state().chats).toEqual(chatsBefore);
    const anna = await connectAs(second, 12);
    anna.send(message('three'));
    expect((await anna.next('new_message')).content.message.id).toBe(58);
  });

  it('is saved shortly after a change, while the server runs, without temporary files left', async () => {
    const mock = await start();
    mock.actAs(12, message('saved soon'));
    await until(() => saved().messages.some((m) => m.text === 'saved soon'), 5000);
    expect(saved().next_message_id).toBe(56);
    expect(fs.readdirSync(dir)).toEqual(['world.json']);
  });

  it('keeps a next id above the messages it holds (ids never repeat)', async () => {
    const first = await start();
    await first.close();
    fs.writeFileSync(file, JSON.stringify({ ...saved(), next_message_id: 100 }));
    const second = await start();
    const result = second.actAs(12, message('after a gap'));
    expect(result.ok && result.deliveries[0]?.event).toMatchObject({ content: { message: { id: 100 } } });
  });

  it('reset returns to the fixtures, and saves that', async () => {
    const mock = await start();
    mock.actAs(12, message('forgotten by the reset'));
    await mock.reset();
    expect(mock.state().messages).toHaveLength(54);
    await mock.close();
    expect(saved().messages).toHaveLength(54);
    expect(saved().next_message_id).toBe(55);
  });

  it('without one, every start is the fresh fixture world', async () => {
    const first = await startMockServer({ port: 0, bots: false });
    first.actAs(12, message('gone'));
    await first.close();
    const second = await startMockServer({ port: 0, bots: false });
    expect(second.state().messages).toHaveLength(54);
    await second.close();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('a file that cannot be the state', () => {
  it('is refused with its name and why, and left as it was: not JSON, not a state file, a broken world', async () => {
    const cases: [string, string][] = [
      ['{"users": [', 'it is not JSON ('],
      [
        JSON.stringify({ users: [], projects: [], messages: [] }),
        `it is not a state file of chats-ws-mock (no "format": "${STATE_FORMAT}")`,
      ],
      [
        JSON.stringify({ format: STATE_FORMAT, next_message_id: 0, users: [], projects: [], messages: [] }),
        '"next_message_id" must be a positive integer',
      ],
      [
        JSON.stringify({
          format: STATE_FORMAT,
          next_message_id: 2,
          users: [],
          projects: [],
          messages: [
            { id: 1, chat_type: 'direct', chat_id: '1_2', author_id: 1, text: 'x', created_at: '2026-01-01T00:00:00Z' },
          ],
        }),
        'messages[0].chat_id: user 1 does not exist',
      ],
    ];
    for (const [text, why] of cases) {
      fs.writeFileSync(file, text);
      await expect(start()).rejects.toThrow(`The state file ${file} cannot be loaded: `);
      await expect(start()).rejects.toThrow(why);
      await expect(start()).rejects.toThrow('It was left as it is.');
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('that cannot be written fails the start, saying so', async () => {
    const missing = path.join(dir, 'no-such-folder', 'world.json');
    await expect(start({ stateFile: missing })).rejects.toThrow(`Cannot write the state file ${missing}: ENOENT`);
  });
});
