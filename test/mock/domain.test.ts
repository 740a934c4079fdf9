// The pure domain: (world, acting user, client event, now) -> deliveries or an error event.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../protocol/index.js';
import {
  createWorld,
  handleClientEvent,
  resolveChat,
  userConnected,
  userDisconnected,
} from '../../mock-server/domain/index.js';
import type { World, WorldData } from '../../mock-server/domain/index.js';

const NOW = new Date('2026-11-24T10:15:30.000Z');
const user = (id: number, first_name: string, bot = false) => ({
  id,
  first_name,
  last_name: 'Test',
  avatar: null,
  bot,
  token: `t${id}`,
});
const DATA: WorldData = {
  users: [user(9, 'Nine'), user(10, 'Ten', true), user(12, 'Анна'), user(23, 'James'), user(27, 'Lidia')],
  projects: [{ id: 7, title: 'Seven', leader_id: 12, collaborator_ids: [23, 10] }],
  messages: [
    {
      id: 53,
      chat_type: 'project',
      chat_id: 7,
      author_id: 10,
      text: 'p',
      reply_to: null,
      created_at: '2026-11-24T09:00:00.000Z',
      is_read: false,
      is_deleted: false,
    },
    {
      id: 54,
      chat_type: 'direct',
      chat_id: '12_23',
      author_id: 23,
      text: 'd',
      reply_to: null,
      created_at: '2026-11-24T09:10:00.000Z',
      is_read: false,
      is_deleted: false,
    },
  ],
};

let world: World;
beforeEach(() => {
  world = createWorld(DATA);
});

const act = (userId: number, event: unknown) => handleClientEvent(world, userId, event as ClientEvent, NOW);

describe('createWorld', () => {
  it('indexes users, projects, messages; knows the direct chats that have messages; bots are online', () => {
    expect(world.nextMessageId).toBe(55);
    expect([...world.directChats.keys()]).toEqual(['12_23']);
    expect([...world.online]).toEqual([10]);
  });
});

describe('resolveChat', () => {
  it('direct: the members are the two ids, numerically ordered', () => {
    expect(resolveChat(world, 10, { chat_type: 'direct', chat_id: '9_10' }, 'user_typing')).toEqual({
      ok: true,
      chat: { type: 'direct', id: '9_10', memberIds: [9, 10] },
    });
  });
  it('checks membership before whether the other user exists', () => {
    const result = resolveChat(world, 27, { chat_type: 'direct', chat_id: '12_99' }, 'new_message');
    expect(result.ok === false && result.error.content.code).toBe('not_chat_member');
  });
  it('project: leader first, then collaborators', () => {
    expect(resolveChat(world, 23, { chat_type: 'project', chat_id: 7 }, 'x')).toEqual({
      ok: true,
      chat: { type: 'project', id: 7, memberIds: [12, 23, 10] },
    });
  });
});

describe('new_message', () => {
  it('stores the trimmed text with the next id and delivers to both participants', () => {
    const result = act(12, {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: ' hello world ', reply_to: 54 },
    });
    expect(result).toEqual({
      ok: true,
      deliveries: [
        {
          to: { kind: 'users', userIds: [12, 23] },
          event: {
            type: 'new_message',
            content: {
              chat_type: 'direct',
              chat_id: '12_23',
              message: {
                id: 55,
                author: { id: 12, first_name: 'Анна', last_name: 'Test', avatar: null },
                text: 'hello world',
                reply_to: 54,
                created_at: NOW.toISOString(),
                is_read: false,
                is_deleted: false,
              },
            },
          },
        },
      ],
    });
    expect(world.messages.get(55)).toMatchObject({ chat_type: 'direct', chat_id: '12_23', author_id: 12 });
  });

  it('creates a direct chat with its first message', () => {
    act(27, { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_27', message: 'hi', reply_to: null } });
    expect(world.directChats.get('12_27')).toEqual({ created_at: NOW.toISOString() });
  });

  it('project: to every member', () => {
    const result = act(23, {
      type: 'new_message',
      content: { chat_type: 'project', chat_id: 7, message: 'hi', reply_to: 53 },
    });
    expect(result.ok && result.deliveries[0]?.to).toEqual({ kind: 'users', userIds: [12, 23, 10] });
  });

  it.each([
    [
      27,
      { chat_type: 'direct', chat_id: '12_23', reply_to: null },
      'not_chat_member',
      'User 27 is not a member of chat 12_23',
    ],
    [27, { chat_type: 'project', chat_id: 7, reply_to: null }, 'not_chat_member', 'User 27 is not in project chat 7'],
    [12, { chat_type: 'direct', chat_id: '12_40', reply_to: null }, 'user_not_found', 'User 40 does not exist'],
    [12, { chat_type: 'project', chat_id: 8, reply_to: null }, 'chat_not_found', 'Project 8 does not exist'],
    [
      12,
      { chat_type: 'direct', chat_id: '12_23', reply_to: 53 },
      'reply_not_in_chat',
      'Message 53 is not in chat 12_23',
    ],
    [12, { chat_type: 'project', chat_id: 7, reply_to: 54 }, 'reply_not_in_chat', 'Message 54 is not in chat 7'],
    [12, { chat_type: 'project', chat_id: 7, reply_to: 1000 }, 'reply_not_in_chat', 'Message 1000 is not in chat 7'],
  ])('user %i, %j: %s', (userId, content, code, message) => {
    const result = act(userId, { type: 'new_message', content: { message: 'x', ...content } });
    expect(result).toEqual({
      ok: false,
      error: { type: 'error', error: message, content: { code, message, event_type: 'new_message', problems: [] } },
    });
    expect(world.nextMessageId).toBe(55);
  });
});

describe('user_typing', () => {
  it('direct: to the other participant, ending five seconds later', () => {
    expect(act(12, { type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } })).toEqual({
      ok: true,
      deliveries: [
        {
          to: { kind: 'users', userIds: [23] },
          event: {
            type: 'user_typing',
            content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, end_time: '2026-11-24T10:15:35.000Z' },
          },
        },
      ],
    });
  });
  it('project: to every member, the typist included', () => {
    const result = act(23, { type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } });
    expect(result.ok && result.deliveries[0]?.to).toEqual({ kind: 'users', userIds: [12, 23, 10] });
  });
  it('a direct chat without messages is fine', () => {
    expect(act(9, { type: 'user_typing', content: { chat_type: 'direct', chat_id: '9_10' } }).ok).toBe(true);
  });
});

describe('message_read', () => {
  it("direct: the other participant's message; both are told; it becomes read", () => {
    const result = act(12, {
      type: 'message_read',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 },
    });
    expect(result).toEqual({
      ok: true,
      deliveries: [
        {
          to: { kind: 'users', userIds: [12, 23] },
          event: {
            type: 'message_read',
            content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, message_id: 54 },
          },
        },
      ],
    });
    expect(world.messages.get(54)?.is_read).toBe(true);
  });
  it("direct: not one's own", () => {
    const result = act(23, {
      type: 'message_read',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 },
    });
    expect(result.ok === false && result.error.content.code).toBe('cannot_read_own_message');
    expect(world.messages.get(54)?.is_read).toBe(false);
  });
  it("project: one's own is allowed but does not make it read", () => {
    expect(act(10, { type: 'message_read', content: { chat_type: 'project', chat_id: 7, message_id: 53 } }).ok).toBe(
      true,
    );
    expect(world.messages.get(53)?.is_read).toBe(false);
    expect(act(12, { type: 'message_read', content: { chat_type: 'project', chat_id: 7, message_id: 53 } }).ok).toBe(
      true,
    );
    expect(world.messages.get(53)?.is_read).toBe(true);
  });
  it('a message of another chat is not found', () => {
    const result = act(12, { type: 'message_read', content: { chat_type: 'project', chat_id: 7, message_id: 54 } });
    expect(result.ok === false && result.error.content).toEqual({
      code: 'message_not_found',
      message: "Some of chat/message ids are wrong, you can't access this message",
      event_type: 'message_read',
      problems: [],
    });
  });
});

describe('delete_message', () => {
  it('the author deletes: delivered to members, kept with is_deleted', () => {
    const result = act(23, {
      type: 'delete_message',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 },
    });
    expect(result).toEqual({
      ok: true,
      deliveries: [
        {
          to: { kind: 'users', userIds: [12, 23] },
          event: { type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } },
        },
      ],
    });
    expect(world.messages.get(54)?.is_deleted).toBe(true);
    const again = act(23, {
      type: 'delete_message',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 },
    });
    expect(again.ok === false && again.error.content.code).toBe('message_not_found');
    const reply = act(12, {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'x', reply_to: 54 },
    });
    expect(reply.ok === false && reply.error.content.code).toBe('reply_not_in_chat');
  });
  it('someone else may not', () => {
    const result = act(12, { type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: 53 } });
    expect(result.ok === false && result.error.content.message).toBe('User 12 is not author of message 53');
  });
});

describe('presence', () => {
  it('connect: every other user; disconnect and set_online/set_offline: everyone', () => {
    expect(userConnected(world, 12)).toEqual([
      { to: { kind: 'everyone', except: 12 }, event: { type: 'set_online', content: { user_id: 12 } } },
    ]);
    expect(world.online.has(12)).toBe(true);
    expect(act(12, { type: 'set_offline', content: {} })).toEqual({
      ok: true,
      deliveries: [{ to: { kind: 'everyone' }, event: { type: 'set_offline', content: { user_id: 12 } } }],
    });
    expect(world.online.has(12)).toBe(false);
    expect(act(12, { type: 'set_online', content: {} }).ok).toBe(true);
    expect(world.online.has(12)).toBe(true);
    expect(userDisconnected(world, 12)).toEqual([
      { to: { kind: 'everyone' }, event: { type: 'set_offline', content: { user_id: 12 } } },
    ]);
    expect(world.online.has(12)).toBe(false);
  });
});
