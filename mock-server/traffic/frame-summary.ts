// What a log line shows of a frame beyond its type: the chat it is about, and a short preview of
// its text (or the message id, the error code, the user). Read from the parsed frame with a few
// property lookups, once per frame, whatever shape it has (invalid frames too).

/** Characters of a message's text a log line shows. */
export const PREVIEW_CHARS = 40;

export interface FrameSummary {
  /** `12_23` for a direct chat, `project 7`; empty when the frame is not about a chat. */
  chat: string;
  /** `"hello world"`, `#55 "hello world"`, `#54`, `user 23`, an error code; empty when there is nothing to show. */
  preview: string;
}

const NONE: FrameSummary = { chat: '', preview: '' };

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** A message text, quoted and escaped (one line), cut to PREVIEW_CHARS characters. */
export function quoteText(text: string): string {
  return text.length > PREVIEW_CHARS
    ? `${JSON.stringify(text.slice(0, PREVIEW_CHARS - 1)).slice(0, -1)}…"`
    : JSON.stringify(text);
}

function chatOf(content: unknown): string {
  const type = fieldOf(content, 'chat_type');
  const id = fieldOf(content, 'chat_id');
  if (typeof id !== 'string' && typeof id !== 'number') return '';
  return type === 'project' ? `project ${id}` : String(id);
}

/** The chat and preview of a frame, client or server, valid or not. */
export function summarizeFrame(frame: unknown): FrameSummary {
  const type = fieldOf(frame, 'type');
  const content = fieldOf(frame, 'content');
  if (typeof content !== 'object' || content === null) return NONE;
  switch (type) {
    case 'new_message': {
      const message = fieldOf(content, 'message');
      if (typeof message === 'string') return { chat: chatOf(content), preview: quoteText(message) };
      const id = fieldOf(message, 'id');
      const text = fieldOf(message, 'text');
      const quoted = typeof text === 'string' ? quoteText(text) : '';
      return { chat: chatOf(content), preview: typeof id === 'number' ? `#${id} ${quoted}` : quoted };
    }
    case 'message_read':
    case 'delete_message': {
      const id = fieldOf(content, 'message_id');
      return { chat: chatOf(content), preview: typeof id === 'number' ? `#${id}` : '' };
    }
    case 'user_typing':
      return { chat: chatOf(content), preview: '' };
    case 'set_online':
    case 'set_offline': {
      const id = fieldOf(content, 'user_id');
      return { chat: '', preview: typeof id === 'number' ? `user ${id}` : '' };
    }
    case 'error': {
      const code = fieldOf(content, 'code');
      const about = fieldOf(content, 'event_type');
      if (typeof code !== 'string') return NONE;
      return { chat: '', preview: typeof about === 'string' ? `${code} (to ${about})` : code };
    }
    default:
      return NONE;
  }
}
