// new_message over real sockets, both chat types: who receives what, and every refusal.
import { describe, expect, it } from 'vitest';
import { chatIdOrderMessage } from '../../protocol/index.js';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, isoWithin, settle, useResetServer } from './helpers.js';

let server: MockServer;
let clients: Clients;
useResetServer((s, c) => {
  server = s;
  clients = c;
});

const ANNA = { id: 12, first_name: 'Анна', last_name: 'Смирнова', avatar: null };

describe('new_message in a direct chat', () => {
  it('reaches every connection of both participants, and nobody else (the protocol document example)', async () => {
    const anna = await clients.open(12);
    const annaTab = await clients.open(12, { way: 'query' });
    const james = await clients.open(23, { way: 'subprotocol' });
    const stranger = await clients.open(27);
    await clients.drain();
    const before = Date.now();
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
    });
    const [a, tab, j, s] = await settle(anna, annaTab, james, stranger);
    const expected = {
      type: 'new_message',
      content: {
        chat_type: 'direct',
        chat_id: '12_23',
        message: {
          id: 55,
          author: ANNA,
          text: 'hello world',
          reply_to: 54,
          created_at: expect.any(String),
          is_read: false,
          is_deleted: false,
        },
      },
    };
    expect(a).toEqual([expected]);
    expect(tab).toEqual([expected]);
    expect(j).toEqual([expected]);
    expect(s).toEqual([]);
    const created = (a[0] as { content: { message: { created_at: string } } }).content.message.created_at;
    expect(isoWithin(created, before, Date.now())).toBe(true);
    expect(j[0]).toEqual(a[0]);
  });

  it('strips white space around the text and numbers messages on', async () => {
    const anna = await clients.open(12);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: '  padded \n', reply_to: null },
    });
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'second', reply_to: null },
    });
    const [frames] = await settle(anna);
    expect(
      frames.map((f) => (f.type === 'new_message' ? [f.content.message.id, f.content.message.text] : null)),
    ).toEqual([
      [55, 'padded'],
      [56, 'second'],
    ]);
  });

  it('creates the direct chat with the first message', async () => {
    const anna = await clients.open(12);
    const lidia = await clients.open(27);
    await clients.drain();
    expect(server.state().chats.some((c) => c.chat_id === '12_27')).toBe(false);
    lidia.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_27', message: 'Привет, Анна!', reply_to: null },
    });
    const [l, a] = await settle(lidia, anna);
    expect(l).toHaveLength(1);
    expect(a).toEqual(l);
    expect(server.state().chats.find((c) => c.chat_id === '12_27')).toMatchObject({
      chat_type: 'direct',
      member_ids: [12, 27],
      message_count: 1,
    });
  });

  it('works for numeric order: users 9 and 10 write in "9_10"', async () => {
    const alfred = await clients.open(9);
    alfred.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '9_10', message: 'hi', reply_to: null },
    });
    const [frames] = await settle(alfred);
    expect(frames).toMatchObject([{ type: 'new_message', content: { chat_type: 'direct', chat_id: '9_10' } }]);
  });
});

describe('new_message in a project chat', () => {
  it('reaches every connected member, the sender included, and no outsider', async () => {
    const anna = await clients.open(12); // leader of project 7
    const james = await clients.open(23); // collaborator
    const outsider = await clients.open(3);
    await clients.drain();
    james.send({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: 7, message: 'Привет! Созвон в 15:00?', reply_to: null },
    });
    const [j, a, o] = await settle(james, anna, outsider);
    const expected = {
      type: 'new_message',
      content: {
        chat_type: 'project',
        chat_id: 7,
        message: {
          id: 55,
          author: { id: 23, first_name: 'James', last_name: 'Carter', avatar: 'https://i.pravatar.cc/150?u=23' },
          text: 'Привет! Созвон в 15:00?',
          reply_to: null,
          created_at: expect.any(String),
          is_read: false,
          is_deleted: false,
        },
      },
    };
    expect(j).toEqual([expected]);
    expect(a).toEqual([expected]);
    expect(o).toEqual([]);
  });

  it('accepts a reply to a message of the same project chat', async () => {
    const target = server.state().messages.find((m) => m.chat_type === 'project' && m.chat_id === 7 && !m.is_deleted);
    const anna = await clients.open(12);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: 7, message: 'agreed', reply_to: target?.id },
    });
    const [frames] = await settle(anna);
    expect(frames).toMatchObject([{ type: 'new_message', content: { message: { reply_to: target?.id } } }]);
  });
});

describe('new_message refusals', () => {
  const cases: [string, number, Record<string, unknown>, string, string][] = [
    [
      'a direct chat the sender is not part of',
      27,
      { chat_type: 'direct', chat_id: '12_23' },
      'not_chat_member',
      'User 27 is not a member of chat 12_23',
    ],
    [
      'a project the sender is not a member of',
      27,
      { chat_type: 'project', chat_id: 1 },
      'not_chat_member',
      'User 27 is not in project chat 1',
    ],
    [
      'a direct chat with an unknown user',
      12,
      { chat_type: 'direct', chat_id: '12_99' },
      'user_not_found',
      'User 99 does not exist',
    ],
    ['an unknown project', 12, { chat_type: 'project', chat_id: 999 }, 'chat_not_found', 'Project 999 does not exist'],
    [
      'a reply to a message that does not exist',
      12,
      { chat_type: 'direct', chat_id: '12_23', reply_to: 9999 },
      'reply_not_in_chat',
      'Message 9999 is not in chat 12_23',
    ],
  ];
  it.each(cases)('refuses %s', async (_name, userId, content, code, message) => {
    const sender = await clients.open(userId);
    const other = await clients.open(userId === 12 ? 23 : 12);
    await clients.drain();
    sender.send({ type: 'new_message', content: { message: 'hi', reply_to: null, ...content } });
    const [s, o] = await settle(sender, other);
    expect(s).toEqual([
      { type: 'error', error: message, content: { code, message, event_type: 'new_message', problems: [] } },
    ]);
    expect(o).toEqual([]);
  });

  it('refuses a reply to a message of another chat, direct and project', async () => {
    const { messages } = server.state();
    const inProject = messages.find((m) => m.chat_type === 'project' && m.chat_id === 7);
    const inDirect = messages.find((m) => m.chat_id === '12_23');
    const anna = await clients.open(12);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'x', reply_to: inProject?.id },
    });
    anna.send({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: 7, message: 'x', reply_to: inDirect?.id },
    });
    const [frames] = await settle(anna);
    expect(frames.map((f) => f.type === 'error' && [f.content.code, f.content.message])).toEqual([
      ['reply_not_in_chat', `Message ${inProject?.id} is not in chat 12_23`],
      ['reply_not_in_chat', `Message ${inDirect?.id} is not in chat 7`],
    ]);
  });

  it('refuses a reply to a deleted message', async () => {
    const deleted = server.state().messages.find((m) => m.is_deleted);
    if (!deleted) throw new Error('the fixtures have a deleted message');
    const author = await clients.open(deleted.author_id);
    author.send({
      type: 'new_message',
      content: { chat_type: deleted.chat_type, chat_id: deleted.chat_id, message: 'x', reply_to: deleted.id },
    });
    const [frames] = await settle(author);
    expect(frames).toMatchObject([
      {
        type: 'error',
        content: { code: 'reply_not_in_chat', message: `Message ${deleted.id} is not in chat ${deleted.chat_id}` },
      },
    ]);
  });
});

describe('frames that break the spec', () => {
  const valid = {
    type: 'new_message',
    content: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null },
  };

  it('answers each with an error event and keeps the connection open', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    anna.send('{"type": "new_message",');
    anna.send({ type: 'new_message', content: { ...valid.content, chat_id: '23_12' } });
    anna.send({ type: 'new_message', content: { chat_type: 'direct', chat_id: '12_23', message: 'hi' } });
    anna.send({ type: 'new_message', content: { ...valid.content, message: '   ' } });
    anna.send({ type: 'edit_message', content: {} });
    anna.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    anna.send(valid);
    const [a, j] = await settle(anna, james);
    const errors = a.filter((f) => f.type === 'error');
    expect(errors.map((f) => f.type === 'error' && f.content.code)).toEqual([
      'invalid_json',
      'invalid_event',
      'invalid_event',
      'invalid_event',
      'unknown_event_type',
      'unsupported_data',
    ]);
    const [json, order, missing, blank, unknown, binary] = errors as Extract<
      (typeof errors)[number],
      { type: 'error' }
    >[];
    expect(json?.content).toMatchObject({ event_type: null, problems: [] });
    expect(json?.content.message).toMatch(/^The frame is not valid JSON/);
    expect(order?.content.problems).toEqual([
      { pointer: '/content/chat_id', code: 'chat_id_order', message: chatIdOrderMessage('23_12') },
    ]);
    expect(order?.content.event_type).toBe('new_message');
    expect(missing?.content.problems).toEqual([
      {
        pointer: '/content/reply_to',
        code: 'missing_field',
        message: 'content.reply_to is required: send null when the message answers nothing',
      },
    ]);
    expect(blank?.content.problems).toMatchObject([{ pointer: '/content/message', code: 'too_short' }]);
    expect(unknown?.content).toMatchObject({
      event_type: 'edit_message',
      problems: [{ pointer: '/type', code: 'unknown_event_type' }],
    });
    expect(binary?.content).toMatchObject({ code: 'unsupported_data', event_type: null, problems: [] });
    for (const error of errors)
      expect(error.type === 'error' && error.error).toBe(error.type === 'error' && error.content.message);
    // The connection is still open and the valid frame went through, to both.
    expect(a.at(-1)).toMatchObject({ type: 'new_message', content: { message: { text: 'hi' } } });
    expect(j).toHaveLength(1);
  });
});
