// The act-as panel's chat list and how the spec's example is fitted to the chosen chat.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MockState, MockUserInfo } from '../../mock-server/http/control.js';
import {
  chatChoices,
  defaultUser,
  directChatId,
  fitExampleToChat,
  preferredChat,
  type ChatChoice,
} from '../../inspector/src/chat-choices.js';
import { eventForm, type SpecDocument } from '../../inspector/src/schema-form.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'generated', 'asyncapi.json'), 'utf8')) as SpecDocument;

const user = (id: number, first_name: string, bot = false): MockUserInfo => ({
  id,
  first_name,
  last_name: 'X',
  avatar: null,
  bot,
  token: `t${id}`,
  online: false,
});
const users = [user(5, 'Bot', true), user(12, 'Anna'), user(23, 'James'), user(31, 'Ola')];
const chats: MockState['chats'] = [
  {
    chat_type: 'direct',
    chat_id: '12_23',
    title: 'Anna X & James X',
    member_ids: [12, 23],
    message_count: 2,
    last_message_id: 2,
  },
  {
    chat_type: 'project',
    chat_id: 7,
    title: 'Mobile app',
    member_ids: [12, 23, 5],
    message_count: 1,
    last_message_id: 3,
  },
  {
    chat_type: 'direct',
    chat_id: '5_31',
    title: 'Bot X & Ola X',
    member_ids: [5, 31],
    message_count: 0,
    last_message_id: null,
  },
];
const message = (
  id: number,
  chat_type: 'direct' | 'project',
  chat_id: string | number,
  author_id: number,
  is_deleted = false,
) => ({
  id,
  chat_type,
  chat_id,
  author_id,
  text: `m${id}`,
  reply_to: null,
  created_at: '2026-11-24T10:00:00.000Z',
  is_read: false,
  is_deleted,
});
const messages = [
  message(1, 'direct', '12_23', 12),
  message(2, 'direct', '12_23', 23),
  message(3, 'project', 7, 23),
  message(4, 'project', 7, 12, true),
];

const choice = (list: ChatChoice[], key: string): ChatChoice => {
  const found = list.find((c) => c.key === key);
  if (!found) throw new Error(`no choice ${key}`);
  return found;
};

describe('chatChoices', () => {
  it("lists the user's chats, then a new direct chat with everyone else, ids smaller first", () => {
    expect(chatChoices(23, chats, users)).toEqual([
      { key: 'direct:12_23', label: 'Anna X (12_23)', chatType: 'direct', chatId: '12_23', exists: true },
      { key: 'project:7', label: 'Mobile app (project 7)', chatType: 'project', chatId: 7, exists: true },
      { key: 'direct:5_23', label: 'Bot X (5_23, new)', chatType: 'direct', chatId: '5_23', exists: false },
      { key: 'direct:23_31', label: 'Ola X (23_31, new)', chatType: 'direct', chatId: '23_31', exists: false },
    ]);
    expect(directChatId(10, 9)).toBe('9_10');
  });
});

describe('preferredChat and defaultUser', () => {
  it("start with the spec example's chat and one of its people", () => {
    const form = eventForm(spec, 'new_message');
    expect(defaultUser(form, users)?.id).toBe(12);
    expect(preferredChat(form, chatChoices(12, chats, users))?.key).toBe('direct:12_23');
    // Not a member of the example's chats: the first chat of theirs.
    expect(preferredChat(form, chatChoices(31, chats, users))?.key).toBe('direct:5_31');
  });

  it('fall back to the first person who is not a bot', () => {
    expect(defaultUser(eventForm(spec, 'set_online'), users)?.id).toBe(12);
    expect(defaultUser(eventForm(spec, 'set_online'), [user(5, 'Bot', true), user(31, 'Ola')])?.id).toBe(31);
  });
});

describe('fitExampleToChat', () => {
  const example = { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 };

  it("keeps the example as it is in the example's own chat", () => {
    const chat = choice(chatChoices(12, chats, users), 'direct:12_23');
    expect(fitExampleToChat(example, chat, 12, 'new_message', messages)).toEqual({ values: example, adapted: false });
  });

  it('answers nothing in another chat (the example replies to a message of its own chat)', () => {
    const chat = choice(chatChoices(12, chats, users), 'project:7');
    expect(fitExampleToChat(example, chat, 12, 'new_message', messages)).toEqual({
      values: { chat_type: 'project', chat_id: 7, message: 'hello world', reply_to: null },
      adapted: true,
    });
  });

  it("reads the latest message of someone else, deletes the latest of one's own (not deleted)", () => {
    const read = { chat_type: 'project', chat_id: 7, message_id: 101 };
    const project = choice(chatChoices(12, chats, users), 'project:7');
    const direct = choice(chatChoices(12, chats, users), 'direct:12_23');
    expect(fitExampleToChat(read, direct, 12, 'message_read', messages).values.message_id).toBe(2);
    expect(fitExampleToChat(read, direct, 12, 'delete_message', messages).values.message_id).toBe(1);
    // In project 7, user 12's only message is deleted: the example's id stays.
    expect(fitExampleToChat({ ...read, chat_id: 8 }, project, 12, 'delete_message', messages)).toEqual({
      values: read,
      adapted: false,
    });
  });
});
