// Words for what the traffic list shows: who a user is, what a frame says in one line.
import type { MockUserInfo, Problem } from './api.js';
import type { TrafficRecord } from './live-client.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class UserNames {
  private readonly byId = new Map<number, MockUserInfo>();

  set(users: readonly MockUserInfo[]): void {
    this.byId.clear();
    for (const user of users) this.byId.set(user.id, user);
  }

  get(id: number): MockUserInfo | undefined {
    return this.byId.get(id);
  }

  all(): MockUserInfo[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  /** `Анна Смирнова` (or `user 99`). */
  full(id: number | null): string {
    if (id === null) return '—';
    const user = this.byId.get(id);
    return user ? `${user.first_name} ${user.last_name}` : `user ${id}`;
  }

  /** `Анна С.` */
  short(id: number | null): string {
    if (id === null) return '—';
    const user = this.byId.get(id);
    if (!user) return `user ${id}`;
    return user.last_name ? `${user.first_name} ${user.last_name.slice(0, 1)}.` : user.first_name;
  }
}

/**
 * `12_23` for a direct chat, `project 7` for a project chat (protocol 2's new_message has no
 * chat_type: a number is a project's id there).
 */
export function chatLabel(chatType: unknown, chatId: unknown): string {
  if (chatType === 'project' || (chatType === undefined && typeof chatId === 'number'))
    return `project ${String(chatId)}`;
  if (chatId === undefined) return '';
  return String(chatId);
}

const quote = (text: string): string => `“${text.replace(/\s+/g, ' ').trim()}”`;

/** One line about a frame: for messages their text, for errors the problem. */
export function framePreview(record: TrafficRecord, names: UserNames): string {
  const frame = shownFrame(record);
  if (!isObject(frame)) return typeof frame === 'string' ? frame : record.preview;
  const content = isObject(frame.content) ? frame.content : {};
  const chat = chatLabel(content.chat_type, content.chat_id);
  const inChat = chat ? ` in ${chat}` : '';
  switch (frame.type) {
    case 'new_message':
    case 'edit_message': {
      // Protocol 1 sends `message`, protocol 2 `text`; servers send the message object.
      const message = content.message ?? content.text;
      const text = isObject(message) ? message.text : message;
      const edited = frame.type === 'edit_message' ? 'edited: ' : '';
      if (typeof text === 'string') return `${chat ? `${chat} · ` : ''}${edited}${quote(text)}`;
      break;
    }
    case 'error': {
      const problem =
        typeof content.message === 'string' ? content.message : typeof frame.error === 'string' ? frame.error : null;
      if (problem) return `${typeof content.code === 'string' ? `${content.code}: ` : ''}${problem}`;
      break;
    }
    case 'user_typing':
      return typeof content.user_id === 'number'
        ? `${names.short(content.user_id)} is typing${inChat}`
        : `typing${inChat}`;
    case 'message_read':
      return `${typeof content.user_id === 'number' ? `${names.short(content.user_id)} read` : 'read'} message ${String(content.message_id)}${inChat}`;
    case 'delete_message':
      return `message ${String(content.message_id)} deleted${inChat}`;
    case 'set_online':
      return typeof content.user_id === 'number' ? `${names.full(content.user_id)} is online` : 'marks themself online';
    case 'set_offline':
      return typeof content.user_id === 'number'
        ? `${names.full(content.user_id)} is offline`
        : 'marks themself offline';
  }
  return record.preview;
}

/** The validator's verdict in one line: the first problem, and how many more. */
export function problemLine(problems: readonly Problem[], omitted = 0): string {
  const [first, ...rest] = problems;
  if (!first) return '';
  const more = rest.length + omitted;
  return more ? `${first.message} (+${more} more)` : first.message;
}

/**
 * The frame as the page shows it: the mock keeps an invalid frame as its text, which is shown
 * parsed when it is whole JSON (and as text when it is not JSON, or was cut).
 */
export function shownFrame(record: Pick<TrafficRecord, 'frame' | 'truncated'>): unknown {
  if (typeof record.frame !== 'string' || record.truncated) return record.frame;
  try {
    return JSON.parse(record.frame) as unknown;
  } catch {
    return record.frame;
  }
}
