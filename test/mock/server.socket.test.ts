// startMockServer: options, the returned object, and closing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../mock-server/index.js';
import { connect, settle, startTestServer } from './helpers.js';

const tiny = {
  users: [
    { id: 1, first_name: 'Ada', last_name: 'Lovelace', token: 'ada-token' },
    { id: 2, first_name: 'Борис', last_name: 'Петров' },
  ],
  projects: [{ id: 3, title: 'Engine', leader_id: 1, collaborator_ids: [2] }],
  messages: [
    { id: 100, chat_type: 'project', chat_id: 3, author_id: 2, text: 'Привет', created_at: '2026-01-01T10:00:00Z' },
  ],
};

describe('startMockServer', () => {
  it('listens on an OS-chosen port with port 0 and reports its URLs and users', async () => {
    const server = await startTestServer();
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.host).toBe('127.0.0.1');
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}/ws/chats/`);
      expect(server.users).toHaveLength(10);
      expect(server.users[0]).toEqual({
        id: 3,
        first_name: expect.any(String),
        last_name: expect.any(String),
        avatar: expect.anything(),
        bot: false,
        token: expect.any(String),
        online: false,
      });
      expect(server.stats()).toMatchObject({ connections: 0, outgoingViolations: 0, internalErrors: 0 });
    } finally {
      await server.close();
    }
  });

  it('loads a world given as data or as a file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mock-world-'));
    const file = path.join(dir, 'world.json');
    await writeFile(file, JSON.stringify(tiny));
    try {
      for (const fixtures of [tiny, file]) {
        const server = await startTestServer({ fixtures });
        try {
          expect(server.users.map((u) => [u.id, u.first_name])).toEqual([
            [1, 'Ada'],
            [2, 'Борис'],
          ]);
          const ada = await connect(server, 1);
          ada.send({
            type: 'new_message',
            content: { chat_type: 'project', chat_id: 3, message: 'Hi', reply_to: 100 },
          });
          const [frames] = await settle(ada);
          expect(frames).toMatchObject([
            { type: 'new_message', content: { chat_id: 3, message: { id: 101, reply_to: 100 } } },
          ]);
          await ada.close();
        } finally {
          await server.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses invalid fixtures with every problem listed', async () => {
    await expect(
      startTestServer({
        fixtures: { users: [], projects: [{ id: 1, leader_id: 5, collaborator_ids: [] }], messages: [] },
      }),
    ).rejects.toThrow('Invalid fixtures:\n  projects[0]: user 5 does not exist');
  });

  it('says clearly when the port is taken', async () => {
    const first = await startTestServer();
    try {
      await expect(startMockServer({ port: first.port, bots: false })).rejects.toThrow(
        `Port ${first.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.close();
    }
  });

  it('close() closes every socket with 1001, resolves promptly, and can be called twice', async () => {
    const server = await startTestServer({ bots: true, botSpeed: 0.01 });
    const anna = await connect(server, 12);
    const james = await connect(server, 23);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_15', message: 'hi bot', reply_to: null },
    });
    await settle(anna);
    const started = Date.now();
    await Promise.all([server.close(), server.close()]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await anna.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect(await james.closed).toMatchObject({ code: 1001 });
    expect(james.queue.filter((f) => f.type === 'set_offline')).toEqual([]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('state() and traffic are there for a test to look at', async () => {
    const server = await startTestServer();
    try {
      const result = server.actAs(12, {
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
      });
      expect(result).toMatchObject({ ok: true, deliveries: [{ user_ids: [], connections: 0 }] });
      expect(server.state().messages.at(-1)).toMatchObject({ id: 55, text: 'hello world' });
      expect(server.traffic.recent(1)[0]).toMatchObject({
        direction: 'in',
        source: 'act-as',
        type: 'new_message',
        valid: true,
      });
      expect(server.emitRaw(12, { type: 'set_online', content: {} })).toMatchObject({
        ok: false,
        problems: [{ code: 'missing_field' }],
      });
      await server.reset();
      expect(server.state().messages).toHaveLength(54);
    } finally {
      await server.close();
    }
  });
});
