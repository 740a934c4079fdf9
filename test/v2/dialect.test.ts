// The translation of protocol version 2 at the edge (mock-server/dialects/), and the one domain
// under it: what a version 2 frame becomes, what the domain's events become on the wire, what
// version 1 never exposes, and what either version keeps across a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialectOf } from '../../mock-server/dialects/index.js';
import { createWorld, type WorldData } from '../../mock-server/domain/index.js';
import { buildFixtureWorld } from '../../mock-server/index.js';
import { validateClientEvent, validateServerEvent } from '../../protocol/v2/index.js';
import { startTestServer } from '../mock/helpers.js';

const v2 = dialectOf(2);
const fixtures: WorldData = buildFixtureWorld({ seed: 42, secret: 'test' });

describe('protocol 2 in: decode', () => {
  it('a project id sent as "7" reaches the domain as 7, text as the message, file_urls as files', () => {
    const frame = {
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', text: 'hi', reply_to: null, file_urls: ['https://x.test/a.pdf'] },
    };
    expect(v2.decode(JSON.stringify(frame))).toEqual({
      ok: true,
      event: {
        type: 'new_message',
        content: {
          chat_type: 'project',
          chat_id: 7,
          message: 'hi',
          reply_to: null,
          file_urls: ['https://x.test/a.pdf'],
        },
      },
      frame,
    });
  });

  it('edit_message becomes the domain’s edit', () => {
    const frame = {
      type: 'edit_message',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: 54, text: 'x' },
    };
    expect(v2.decode(JSON.stringify(frame))).toMatchObject({ ok: true, event: frame });
  });

  it('a frame of version 1 is refused with what version 2 wants instead', () => {
    const decoded = v2.decode(
      JSON.stringify({
        type: 'new_message',
        content: { chat_type: 'project', chat_id: 7, message: 'hi', reply_to: null },
      }),
    );
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.content.code).toBe('invalid_event');
    expect(decoded.error.content.problems.map((p) => `${p.pointer} ${p.code}`).sort()).toEqual([
      '/content/chat_id wrong_type',
      '/content/file_urls missing_field',
      '/content/message unknown_field',
      '/content/text missing_field',
    ]);
  });

  it('a project id beyond exact numbers names no project', () => {
    const decoded = v2.decode(
      JSON.stringify({ type: 'user_typing', content: { chat_type: 'project', chat_id: '9007199254740993' } }),
    );
    expect(decoded).toMatchObject({
      ok: false,
      error: {
        content: {
          code: 'chat_not_found',
          message: 'Project 9007199254740993 does not exist',
          event_type: 'user_typing',
        },
      },
    });
  });
});

describe('what a relay needs of a version (the proxy, issue 16)', () => {
  it('each version checks frames both ways without decoding them, and names its path', () => {
    const v1 = dialectOf(1);
    const frame = { type: 'user_typing', content: { chat_type: 'project', chat_id: '7' } };
    expect(v2.validateClient(frame).ok).toBe(true);
    expect(v1.validateClient(frame)).toMatchObject({
      ok: false,
      problems: [{ pointer: '/content/chat_id', code: 'wrong_type' }],
    });
    const typing = {
      type: 'user_typing',
      content: { chat_type: 'project', chat_id: 7, user_id: 12, end_time: '2026-11-29T10:00:05.000Z' },
    };
    expect([v1.validateServer(typing).ok, v2.validateServer(typing).ok]).toEqual([true, true]);
    expect([v1.path, v2.path]).toEqual(['/ws/chats/', '/ws/chat/']);
  });
});

describe('protocol 2 out: encode', () => {
  it('new_message is {chat_id, message} with the message in full: nested reply, files, is_edited', () => {
    const world = createWorld(fixtures);
    world.messages.set(900, {
      id: 900,
      chat_type: 'direct',
      chat_id: '12_23',
      author_id: 12,
      text: 'see this',
      reply_to: 54,
      created_at: '2026-11-29T10:00:00.000Z',
      is_read: false,
      is_deleted: false,
      files: ['https://x.test/files/Plan.DOCX'],
    });
    const v1Event = {
      type: 'new_message' as const,
      content: {
        chat_type: 'direct' as const,
        chat_id: '12_23',
        message: {
          id: 900,
          author: { id: 12, first_name: 'Анна', last_name: 'Смирнова', avatar: null },
          text: 'see this',
          reply_to: 54,
          created_at: '2026-11-29T10:00:00.000Z',
          is_read: false,
          is_deleted: false,
        },
      },
    };
    const wire = v2.encode(v1Event, world);
    expect(validateServerEvent(wire)).toMatchObject({ ok: true });
    expect(wire).toMatchObject({
      type: 'new_message',
      content: {
        chat_id: '12_23',
        message: {
          id: 900,
          author: { id: 12, email: 'user12@example.com', is_online: false },
          reply_to: { id: 54, author: { id: 23 }, reply_to: null, is_edited: false },
          is_edited: false,
          files: [
            {
              name: 'Plan',
              extension: 'docx',
              mime_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              size: 0,
              link: 'https://x.test/files/Plan.DOCX',
              user: 12,
              datetime_uploaded: '2026-11-29T10:00:00.000Z',
            },
          ],
        },
      },
    });
    expect(Object.keys((wire as { content: object }).content)).toEqual(['chat_id', 'message']);
  });

  it('what the bots send is a frame of version 2', () => {
    const frame = v2.clientFrame({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: 7, message: 'ok', reply_to: null },
    });
    expect(frame).toEqual({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', text: 'ok', reply_to: null, file_urls: [] },
    });
    expect(validateClientEvent(frame).ok).toBe(true);
  });
});

describe('the one world under both versions', () => {
  it('editing: only the author; a deleted message cannot be edited', async () => {
    const mock = await startTestServer({ protocol: 2 });
    try {
      const edit = (userId: number, messageId: number) =>
        mock.actAsRaw(userId, {
          type: 'edit_message',
          content: { chat_type: 'direct', chat_id: '12_23', message_id: messageId, text: 'changed' },
        });
      expect(edit(12, 54)).toMatchObject({
        ok: false,
        error: { content: { code: 'not_message_author', message: 'User 12 is not author of message 54' } },
      });
      mock.actAsRaw(12, { type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 36 } });
      expect(edit(12, 36)).toMatchObject({ ok: false, error: { content: { code: 'message_not_found' } } });
      expect(edit(23, 54)).toMatchObject({
        ok: true,
        deliveries: [
          { event: { type: 'edit_message', content: { message: { id: 54, text: 'changed', is_edited: true } } } },
        ],
      });
    } finally {
      await mock.close();
    }
  });

  it('protocol 1 never exposes editing, and refuses frames of version 2', async () => {
    const mock = await startTestServer();
    try {
      const result = mock.actAsRaw(12, {
        type: 'edit_message',
        content: { chat_type: 'direct', chat_id: '12_23', message_id: 36, text: 'x' },
      });
      expect(result).toMatchObject({ ok: false, error: { content: { code: 'unknown_event_type' } } });
      expect(mock.emitRaw(12, { type: 'set_online', content: { user_id: 23 } }).ok).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('emit checks against the version spoken: a version 1 new_message is refused under protocol 2', async () => {
    const mock = await startTestServer({ protocol: 2 });
    try {
      const v1Frame = {
        type: 'new_message',
        content: {
          chat_type: 'direct',
          chat_id: '12_23',
          message: {
            id: 1,
            author: { id: 12, first_name: 'A', last_name: 'B', avatar: null },
            text: 'x',
            reply_to: null,
            created_at: '2026-11-29T10:00:00.000Z',
            is_read: false,
            is_deleted: false,
          },
        },
      };
      const refused = mock.emitRaw(12, v1Frame);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.problems.map((p) => p.pointer)).toContain('/content/chat_type');
    } finally {
      await mock.close();
    }
  });

  it('--state keeps the files and edits of protocol 2 across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'v2-state-'));
    const stateFile = path.join(dir, 'world.json');
    try {
      const first = await startTestServer({ protocol: 2, stateFile });
      const sent = first.actAsRaw(12, {
        type: 'new_message',
        content: {
          chat_type: 'project',
          chat_id: '7',
          text: 'plan',
          reply_to: null,
          file_urls: ['https://x.test/p.png'],
        },
      });
      if (!sent.ok) throw new Error('not sent');
      const id = (sent.deliveries[0]?.event as { content: { message: { id: number } } }).content.message.id;
      first.actAsRaw(12, {
        type: 'edit_message',
        content: { chat_type: 'project', chat_id: '7', message_id: id, text: 'plan B' },
      });
      await first.close();
      const second = await startTestServer({ protocol: 2, stateFile });
      try {
        const kept = second.state().messages.find((m) => m.id === id);
        expect(kept).toMatchObject({ text: 'plan B', is_edited: true, files: ['https://x.test/p.png'] });
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
