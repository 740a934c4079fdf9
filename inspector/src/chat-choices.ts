// Which chats the act-as user can pick, which one to start with, and how the spec's example is
// fitted to the chosen chat. Pure data: unit-tested in Node.
import type { MockState, MockUserInfo } from './api.js';
import type { EventForm } from './schema-form.js';

export interface ChatChoice {
  /** `direct:12_23`, `project:7`. */
  key: string;
  label: string;
  chatType: string;
  chatId: string | number;
  /** False for a direct chat its first message would create. */
  exists: boolean;
}

type StoredMessage = MockState['messages'][number];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const directChatId = (a: number, b: number): string => `${Math.min(a, b)}_${Math.max(a, b)}`;
export const chatKey = (chatType: unknown, chatId: unknown): string => `${String(chatType)}:${String(chatId)}`;

const fullName = (user: MockUserInfo | undefined, id: number): string =>
  user ? `${user.first_name} ${user.last_name}` : `user ${id}`;

/** The chats `me` belongs to, then a new direct chat with each other user. */
export function chatChoices(me: number, chats: MockState['chats'], users: readonly MockUserInfo[]): ChatChoice[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const mine: ChatChoice[] = chats
    .filter((c) => c.member_ids.includes(me))
    .map((c) => {
      const other = c.member_ids.find((id) => id !== me) ?? me;
      return {
        key: chatKey(c.chat_type, c.chat_id),
        label:
          c.chat_type === 'project'
            ? `${c.title} (project ${c.chat_id})`
            : `${fullName(byId.get(other), other)} (${c.chat_id})`,
        chatType: c.chat_type,
        chatId: c.chat_id,
        exists: true,
      };
    });
  const existing = new Set(mine.map((c) => c.key));
  const fresh: ChatChoice[] = users
    .filter((u) => u.id !== me && !existing.has(chatKey('direct', directChatId(me, u.id))))
    .map((u) => ({
      key: chatKey('direct', directChatId(me, u.id)),
      label: `${fullName(u, u.id)} (${directChatId(me, u.id)}, new)`,
      chatType: 'direct',
      chatId: directChatId(me, u.id),
      exists: false,
    }));
  return [...mine, ...fresh];
}

/** The chat of one of the spec's examples when it is among the choices, else the first choice. */
export function preferredChat(form: EventForm | undefined, choices: readonly ChatChoice[]): ChatChoice | undefined {
  for (const example of form?.examples ?? []) {
    const content = example.payload.content;
    if (!isObject(content)) continue;
    const found = choices.find((c) => c.key === chatKey(content.chat_type, content.chat_id));
    if (found) return found;
  }
  return choices[0];
}

/** A person of the spec's direct-chat example, so the example works as it is; else the first person. */
export function defaultUser(form: EventForm | undefined, users: readonly MockUserInfo[]): MockUserInfo | undefined {
  const people = users.filter((u) => !u.bot);
  for (const example of form?.examples ?? []) {
    const content = example.payload.content;
    if (!isObject(content) || content.chat_type !== 'direct' || typeof content.chat_id !== 'string') continue;
    const ids = content.chat_id.split('_').map(Number);
    const found = people.find((u) => ids.includes(u.id));
    if (found) return found;
  }
  return people[0] ?? users[0];
}

/**
 * The example's content moved to `chat`: its chat fields replaced, and the message ids it names
 * (which belong to the example's chat) replaced by fitting ones of this chat: reply to nothing;
 * read the latest message of someone else; delete the latest of one's own. Says whether anything
 * besides the chat fields changed.
 */
export function fitExampleToChat(
  example: Record<string, unknown>,
  chat: ChatChoice,
  me: number,
  eventType: string,
  messages: readonly StoredMessage[],
): { values: Record<string, unknown>; adapted: boolean } {
  const values: Record<string, unknown> = { ...example, chat_type: chat.chatType, chat_id: chat.chatId };
  if (example.chat_type === chat.chatType && example.chat_id === chat.chatId) return { values, adapted: false };
  let adapted = false;
  if ('reply_to' in values) {
    values.reply_to = null;
    adapted = true;
  }
  if ('message_id' in values) {
    const inChat = messages.filter((m) => m.chat_type === chat.chatType && m.chat_id === chat.chatId && !m.is_deleted);
    const wanted = inChat.filter((m) => (eventType === 'delete_message' ? m.author_id === me : m.author_id !== me));
    const last = wanted.at(-1);
    if (last) {
      values.message_id = last.id;
      adapted = true;
    }
  }
  return { values, adapted };
}
