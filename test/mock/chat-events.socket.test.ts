// user_typing, message_read and delete_message over real sockets, both chat types.
import { describe, expect, it } from 'vitest';
import { TYPING_DURATION_MS } from '../../protocol/index.js';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, isoWithin, settle, useResetServer } from './helpers.js';

let server: MockServer;
let clients: Clients;
useResetServer((s, c) => {
  server = s;
  clients = c;
});

const NOT_FOUND = "Some of chat/message ids are wrong, you can't access this message";
const error = (code: string, message: string, eventType: string) => ({
  type: 'error',
  error: message,
  content: { code, message, event_type: eventType, problems: [] },
});

/** A live message of a chat, by a given author or not by them. */
function messageOf(chatId: string | number, test: (authorId: number) => boolean) {
  const found = server.state().messages.find((m) => m.chat_id === chatId && !m.is_deleted && test(m.author_id));
  if (!found) throw new Error(`no such message in ${chatId}`);
  return found;
}

describe('user_typing', () => {
  it('direct: only the other participant is told, with end_time five seconds ahead', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const stranger = await clients.open(27);
    await clients.drain();
    const before = Date.now();
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
    const [a, j, s] = await settle(anna, james, stranger);
    const after = Date.now();
    expect(a).toEqual([]);
    expect(s).toEqual([]);
    expect(j).toEqual([
      {
        type: 'user_typing',
        content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, end_time: expect.any(String) },
      },
    ]);
    const end = (j[0] as { content: { end_time: string } }).content.end_time;
    expect(isoWithin(end, before + TYPING_DURATION_MS, after + TYPING_DURATION_MS)).toBe(true);
  });

  it('direct: allowed before the chat has any message', async () => {
    const anna = await clients.open(12);
    const lidia = await clients.open(27);
    await clients.drain();
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_27' } });
    const [a, l] = await settle(anna, lidia);
    expect(a).toEqual([]);
    expect(l).toMatchObject([{ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_27', user_id: 12 } }]);
  });

  it('project: every connected member, the typist included', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const outsider = await clients.open(3);
    await clients.drain();
    james.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    const [j, a, o] = await settle(james, anna, outsider);
    const expected = [
      { type: 'user_typing', content: { chat_type: 'project', chat_id: 7, user_id: 23, end_time: expect.any(String) } },
    ];
    expect(j).toEqual(expected);
    expect(a).toEqual(expected);
    expect(o).toEqual([]);
  });

  it.each([
    [27, { chat_type: 'direct', chat_id: '12_23' }, 'not_chat_member', 'User 27 is not a member of chat 12_23'],
    [27, { chat_type: 'project', chat_id: 42 }, 'not_chat_member', 'User 27 is not in project chat 42'],
    [12, { chat_type: 'direct', chat_id: '12_100' }, 'user_not_found', 'User 100 does not exist'],
    [12, { chat_type: 'project', chat_id: 2 }, 'chat_not_found', 'Project 2 does not exist'],
  ])('user %i typing in %j is refused with %s', async (userId, content, code, message) => {
    const sender = await clients.open(userId);
    sender.send({ type: 'user_typing', content });
    const [frames] = await settle(sender);
    expect(frames).toEqual([error(code, message, 'user_typing')]);
  });
});

describe('message_read', () => {
  it('direct: both participants are told, and the message is read', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const stranger = await clients.open(27);
    await clients.drain();
    expect(server.state().messages.find((m) => m.id === 54)).toMatchObject({ author_id: 23, is_read: false });
    anna.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    const [a, j, s] = await settle(anna, james, stranger);
    const expected = [
      { type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, message_id: 54 } },
    ];
    expect(a).toEqual(expected);
    expect(j).toEqual(expected);
    expect(s).toEqual([]);
    expect(server.state().messages.find((m) => m.id === 54)?.is_read).toBe(true);
  });

  it("direct: one's own message cannot be marked read", async () => {
    const james = await clients.open(23);
    james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    const [frames] = await settle(james);
    expect(frames).toEqual([error('cannot_read_own_message', NOT_FOUND, 'message_read')]);
  });

  it('project: every connected member is told; members may mark any message, their own too', async () => {
    const other = messageOf(7, (author) => author !== 23);
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const outsider = await clients.open(3);
    await clients.drain();
    james.send({ type: 'message_read', content: { chat_type: 'project', chat_id: 7, message_id: other.id } });
    const [j, a, o] = await settle(james, anna, outsider);
    const expected = [
      { type: 'message_read', content: { chat_type: 'project', chat_id: 7, user_id: 23, message_id: other.id } },
    ];
    expect(j).toEqual(expected);
    expect(a).toEqual(expected);
    expect(o).toEqual([]);
    const own = messageOf(42, (author) => author === 23);
    james.send({ type: 'message_read', content: { chat_type: 'project', chat_id: 42, message_id: own.id } });
    const [mine] = await settle(james);
    expect(mine).toMatchObject([{ type: 'message_read', content: { chat_id: 42, user_id: 23, message_id: own.id } }]);
  });

  it('refuses a message of another chat, an unknown one, and a deleted one', async () => {
    const inProject = messageOf(7, () => true);
    const deleted = server.state().messages.find((m) => m.is_deleted);
    if (!deleted) throw new Error('the fixtures have a deleted message');
    const anna = await clients.open(12);
    anna.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: inProject.id } });
    anna.send({ type: 'message_read', content: { chat_type: 'project', chat_id: 7, message_id: 54 } });
    anna.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 99999 } });
    const [frames] = await settle(anna);
    expect(frames).toEqual([1, 2, 3].map(() => error('message_not_found', NOT_FOUND, 'message_read')));
    const chat = server.state().chats.find((c) => c.chat_type === deleted.chat_type && c.chat_id === deleted.chat_id);
    const readerId = chat?.member_ids.find((id) => id !== deleted.author_id);
    if (readerId === undefined) throw new Error('the deleted message has a chat with another member');
    const reader = await clients.open(readerId);
    reader.send({
      type: 'message_read',
      content: { chat_type: deleted.chat_type, chat_id: deleted.chat_id, message_id: deleted.id },
    });
    const [after] = await settle(reader);
    expect(after.filter((f) => f.type !== 'set_online')).toEqual([
      error('message_not_found', NOT_FOUND, 'message_read'),
    ]);
  });

  it('checks membership before the message', async () => {
    const lidia = await clients.open(27);
    lidia.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    lidia.send({ type: 'message_read', content: { chat_type: 'project', chat_id: 1, message_id: 99999 } });
    const [frames] = await settle(lidia);
    expect(frames).toEqual([
      error('not_chat_member', 'User 27 is not a member of chat 12_23', 'message_read'),
      error('not_chat_member', 'User 27 is not in project chat 1', 'message_read'),
    ]);
  });
});

describe('delete_message', () => {
  it('direct: the author deletes, both participants are told; the message then counts as not found', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const stranger = await clients.open(27);
    await clients.drain();
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'oops', reply_to: null },
    });
    anna.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 55 } });
    const [a, j, s] = await settle(anna, james, stranger);
    const expected = { type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 55 } };
    expect(a.map((f) => f.type)).toEqual(['new_message', 'delete_message']);
    expect(a[1]).toEqual(expected);
    expect(j[1]).toEqual(expected);
    expect(s).toEqual([]);
    expect(server.state().messages.find((m) => m.id === 55)).toMatchObject({ is_deleted: true, text: 'oops' });
    anna.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 55 } });
    james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 55 } });
    const [again] = await settle(anna);
    const [read] = await settle(james);
    expect(again).toEqual([error('message_not_found', NOT_FOUND, 'delete_message')]);
    expect(read).toEqual([error('message_not_found', NOT_FOUND, 'message_read')]);
  });

  it('project: every connected member is told', async () => {
    const own = messageOf(7, (author) => author === 23);
    const anna = await clients.open(12);
    const james = await clients.open(23);
    const outsider = await clients.open(3);
    await clients.drain();
    james.send({ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: own.id } });
    const [j, a, o] = await settle(james, anna, outsider);
    const expected = [{ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: own.id } }];
    expect(j).toEqual(expected);
    expect(a).toEqual(expected);
    expect(o).toEqual([]);
  });

  it("refuses someone else's message, in both chat types", async () => {
    const notAnnas = messageOf(7, (author) => author !== 12);
    const anna = await clients.open(12);
    anna.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    anna.send({ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: notAnnas.id } });
    const [frames] = await settle(anna);
    expect(frames).toEqual([
      error('not_message_author', 'User 12 is not author of message 54', 'delete_message'),
      error('not_message_author', `User 12 is not author of message ${notAnnas.id}`, 'delete_message'),
    ]);
  });

  it('refuses a message of another chat, and a stranger', async () => {
    const anna = await clients.open(12);
    const lidia = await clients.open(27);
    await clients.drain();
    anna.send({ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: 54 } });
    lidia.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    const [a] = await settle(anna);
    const [l] = await settle(lidia);
    expect(a).toEqual([error('message_not_found', NOT_FOUND, 'delete_message')]);
    expect(l).toEqual([error('not_chat_member', 'User 27 is not a member of chat 12_23', 'delete_message')]);
  });
});
