// The mock's state: who is connected and online, the chats and their messages.
import type { MockState } from './api.js';
import { chatLabel, type UserNames } from './describe.js';
import { h, replaceChildren, shortTime } from './dom.js';

type ChatSummary = MockState['chats'][number];
type StoredMessage = MockState['messages'][number];

/** Messages shown per open chat, the newest ones. */
const MESSAGES_SHOWN = 40;

export const chatKey = (chat: { chat_type: string; chat_id: string | number }): string =>
  `${chat.chat_type}:${chat.chat_id}`;

export class StateView {
  private readonly open = new Set<string>();
  private state: MockState | null = null;

  constructor(
    private readonly people: HTMLElement,
    private readonly peopleCount: HTMLElement,
    private readonly chats: HTMLElement,
    private readonly names: UserNames,
    private readonly onActIn: (chat: ChatSummary) => void,
  ) {}

  get current(): MockState | null {
    return this.state;
  }

  show(state: MockState): void {
    this.state = state;
    this.renderPeople(state);
    this.renderChats(state);
  }

  private renderPeople(state: MockState): void {
    const connections = new Map<number, number>();
    for (const c of state.connections) connections.set(c.user_id, (connections.get(c.user_id) ?? 0) + 1);
    const online = new Set(state.online);
    const rank = (id: number): number => (connections.has(id) ? 0 : online.has(id) ? 1 : 2);
    const users = [...state.users].sort((a, b) => rank(a.id) - rank(b.id) || a.id - b.id);
    this.peopleCount.textContent = `${connections.size} connected · ${online.size} online`;
    replaceChildren(
      this.people,
      users.map((user) => {
        const count = connections.get(user.id) ?? 0;
        const status = count ? 'connected' : online.has(user.id) ? 'online' : 'offline';
        return h(
          'li',
          { class: `person ${status}`, 'data-user': user.id, 'data-status': status },
          h('span', { class: 'dot', title: status }),
          h('span', { class: 'person-name' }, `${user.first_name} ${user.last_name}`),
          h('span', { class: 'person-id' }, `#${user.id}`),
          user.bot ? h('span', { class: 'tag' }, 'bot') : null,
          h('span', { class: 'person-status' }, count ? `connected${count > 1 ? ` ×${count}` : ''}` : status),
        );
      }),
    );
  }

  private renderChats(state: MockState): void {
    const byChat = new Map<string, StoredMessage[]>();
    for (const m of state.messages) {
      const key = chatKey(m);
      const list = byChat.get(key);
      if (list) list.push(m);
      else byChat.set(key, [m]);
    }
    const lastActivity = (chat: ChatSummary): number => chat.last_message_id ?? 0;
    const group = (type: string): ChatSummary[] =>
      state.chats.filter((c) => c.chat_type === type).sort((a, b) => lastActivity(b) - lastActivity(a));
    const section = (title: string, chats: ChatSummary[]): HTMLElement[] =>
      chats.length
        ? [h('h3', { class: 'chat-group' }, title), ...chats.map((c) => this.chat(c, byChat.get(chatKey(c)) ?? []))]
        : [];
    replaceChildren(this.chats, section('Projects', group('project')), section('Direct', group('direct')));
  }

  private chat(chat: ChatSummary, messages: StoredMessage[]): HTMLElement {
    const key = chatKey(chat);
    const last = messages.at(-1);
    const details = h(
      'details',
      { class: 'chat', 'data-chat': key, open: this.open.has(key) },
      h(
        'summary',
        {},
        h('span', { class: 'chat-title' }, chat.title),
        h('span', { class: 'chat-id' }, chatLabel(chat.chat_type, chat.chat_id)),
        h('span', { class: 'chat-count', title: 'messages' }, String(chat.message_count)),
        last
          ? h(
              'span',
              { class: 'chat-last' },
              `${this.names.short(last.author_id)}: ${last.is_deleted ? '(deleted)' : last.text}`,
            )
          : null,
      ),
      h(
        'div',
        { class: 'chat-body' },
        h(
          'p',
          { class: 'chat-members' },
          `Members: ${chat.member_ids.map((id) => this.names.short(id)).join(', ')} `,
          h('button', { type: 'button', class: 'link-button', onclick: () => this.onActIn(chat) }, 'act in this chat'),
        ),
        messages.length > MESSAGES_SHOWN
          ? h('p', { class: 'muted' }, `… ${messages.length - MESSAGES_SHOWN} earlier messages`)
          : null,
        h(
          'ol',
          { class: 'messages' },
          messages.slice(-MESSAGES_SHOWN).map((m) => this.message(m)),
        ),
      ),
    );
    details.addEventListener('toggle', () => {
      if (details.open) this.open.add(key);
      else this.open.delete(key);
    });
    return details;
  }

  private message(m: StoredMessage): HTMLElement {
    return h(
      'li',
      { class: `message${m.is_deleted ? ' deleted' : ''}`, 'data-message': m.id },
      h(
        'div',
        { class: 'message-meta' },
        h('span', { class: 'message-author' }, this.names.short(m.author_id)),
        h('span', { class: 'message-id' }, `#${m.id}`),
        m.reply_to !== null ? h('span', { class: 'message-reply' }, `↪ #${m.reply_to}`) : null,
        h('time', { datetime: m.created_at, title: m.created_at }, shortTime(m.created_at)),
        m.is_read ? h('span', { class: 'message-read', title: 'read' }, '✓✓') : null,
      ),
      h('div', { class: 'message-text' }, m.is_deleted ? `(deleted) ${m.text}` : m.text),
    );
  }
}
