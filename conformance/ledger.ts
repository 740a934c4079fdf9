// Every message the run sent, and what became of it: stored (with the id the server gave it, found
// wherever the server put it), refused, deleted. The checker acts only on ids it finds here, and
// at the end it deletes what is still stored and says exactly what it could not.
import { isPlainObject } from '../protocol/index.js';
import type { Frame } from './frames.js';
import { containsText, isId, locate } from './profile/locate.js';
import type { ChatRef, ProtocolProfile } from './profile/types.js';

/** `sent`: no answer yet (or none ever); `stored`: the server sent it back; `refused`: it answered with an error or a close. */
export type MessageState = 'sent' | 'stored' | 'refused' | 'deleted';

export interface CreatedMessage {
  /** The chat it went to (a direct chat id in its canonical order, smaller id first). */
  readonly chat: ChatRef;
  /** The connection that sent it, e.g. `A#1`: its user is the author. */
  readonly sender: string;
  readonly authorId: number;
  /** The text as sent, white space around it stripped. */
  readonly text: string;
  /** The check during which it was sent. */
  readonly check: string;
  state: MessageState;
  /** The id the server gave it, once found in a frame. */
  id: number | null;
  /** Where that id was (a JSON pointer into the frame). */
  idAt: string | null;
}

/** A created message the run could not delete, and why. */
export interface LeftBehind {
  readonly chat: string;
  readonly id: number | null;
  readonly author: number;
  readonly text: string;
  /** The check during which the run sent it. */
  readonly check: string;
  readonly why: string;
}

const canonical = (chat: ChatRef): ChatRef => {
  if (chat.chatType !== 'direct' || typeof chat.chatId !== 'string') return chat;
  const ids = chat.chatId.split('_').map(Number);
  if (ids.length !== 2 || !ids.every((id) => Number.isSafeInteger(id))) return chat;
  return { chatType: 'direct', chatId: ids.sort((x, y) => x - y).join('_') };
};

export const chatName = (chat: ChatRef): string =>
  chat.chatType === 'direct' ? `direct chat ${String(chat.chatId)}` : `project chat ${String(chat.chatId)}`;

export class Ledger {
  readonly #profile: ProtocolProfile;
  readonly #messages: CreatedMessage[] = [];

  constructor(profile: ProtocolProfile) {
    this.#profile = profile;
  }

  /** Records a frame a connection sent, when it is a new message. */
  sent(sender: string, authorId: number, frame: unknown, check: string): CreatedMessage | null {
    const message = this.#profile.sentMessage(frame);
    if (!message || !message.text) return null;
    const entry: CreatedMessage = {
      chat: canonical(message.chat),
      sender,
      authorId,
      text: message.text,
      check,
      state: 'sent',
      id: null,
      idAt: null,
    };
    this.#messages.push(entry);
    return entry;
  }

  /** Learns from a frame the server sent: a message of ours stored (and its id), or deleted. */
  observe(frame: Frame): void {
    const { data } = frame;
    if (!isPlainObject(data) || this.#profile.errorForm(data)) return;
    if (data.type === 'delete_message') {
      const id = locate(data, this.#profile.fields.targetMessageId)?.value;
      for (const m of this.#messages) if (isId(id) && m.id === id) m.state = 'deleted';
      return;
    }
    for (const m of this.#messages) {
      if (m.state === 'deleted' || !containsText(data, m.text)) continue;
      m.state = 'stored';
      if (m.id !== null) continue;
      // A new message's id is one no other message of the run has (a user's id may well be one:
      // the key names tell those apart).
      const others = this.ids();
      const found = locate(data, { ...this.#profile.fields.messageId, accepts: (v) => isId(v) && !others.has(v) });
      if (found && isId(found.value)) {
        m.id = found.value;
        m.idAt = found.pointer;
      }
    }
  }

  /** After the exchange that sent `entries`: those still unanswered were refused when an error or a close answered them. */
  settle(entries: readonly CreatedMessage[], answered: boolean): void {
    for (const m of entries) if (m.state === 'sent' && answered) m.state = 'refused';
  }

  /** The ids of the messages the run created. */
  ids(): Set<number> {
    return new Set(this.#messages.flatMap((m) => (m.id === null ? [] : [m.id])));
  }

  /** The newest stored message with a known id, in that chat, by that author. */
  alive(chat: ChatRef, authorId: number): CreatedMessage | undefined {
    const key = canonical(chat);
    return this.#messages.findLast(
      (m) => m.state === 'stored' && m.id !== null && m.authorId === authorId && sameChat(m.chat, key),
    );
  }

  /** The newest message of that chat the run created and saw deleted. */
  deleted(chat: ChatRef): CreatedMessage | undefined {
    const key = canonical(chat);
    return this.#messages.findLast((m) => m.state === 'deleted' && m.id !== null && sameChat(m.chat, key));
  }

  /** Every message the run sent, oldest first. */
  all(): readonly CreatedMessage[] {
    return this.#messages;
  }
}

const sameChat = (x: ChatRef, y: ChatRef): boolean => x.chatType === y.chatType && x.chatId === y.chatId;
