// One frame a server sent, as the checker recorded it: raw text, parsed JSON, and what in it breaks
// the server schemas. Also: whether a frame is about this run's users and chats at all.
import { isPlainObject, validateServerEvent, type ServerEvent } from '../protocol/index.js';

export interface Frame {
  /** The connection that received it, e.g. `A#1`. */
  readonly receiver: string;
  /** When it arrived (ms since the epoch, the checker's clock). */
  readonly at: number;
  /** The frame as text (a binary frame is described, not decoded). */
  readonly text: string;
  /** The parsed JSON, or undefined when the frame is not JSON. */
  readonly data: unknown;
  /** The typed event when the frame is valid, else null. */
  readonly event: ServerEvent | null;
  /** What breaks the contract, one line each; empty for a valid server event. */
  readonly problems: readonly string[];
}

export function readFrame(receiver: string, raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Frame {
  const at = Date.now();
  const buffer = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
  if (isBinary) {
    return {
      receiver,
      at,
      text: `<binary frame, ${buffer.length} bytes>`,
      data: undefined,
      event: null,
      problems: ['is a binary frame: the protocol is JSON text frames only'],
    };
  }
  const text = buffer.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { receiver, at, text, data: undefined, event: null, problems: [`is not JSON (${reason})`] };
  }
  const result = validateServerEvent(data);
  if (result.ok) return { receiver, at, text, data, event: result.event, problems: [] };
  const problems = result.problems.map((p) => `${p.message} [${p.code} at ${p.pointer === '' ? '/' : p.pointer}]`);
  return { receiver, at, text, data, event: null, problems };
}

/** A frame shortened for a report line. */
export function describeFrame(frame: Frame, max = 240): string {
  return frame.text.length > max ? `${frame.text.slice(0, max)}… (${frame.text.length} chars)` : frame.text;
}

/** The frame's `type` when it has a string one. */
export function frameType(frame: Frame): string | undefined {
  return isPlainObject(frame.data) && typeof frame.data.type === 'string' ? frame.data.type : undefined;
}

/** The value at a dotted path of the frame's JSON (`content.message.id`), or undefined. */
export function field(frame: Frame, path: string): unknown {
  let node: unknown = frame.data;
  for (const key of path.split('.')) {
    if (!isPlainObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** What this run owns: its two users, its chats, the messages it sent, its run id. */
export interface Scope {
  readonly users: ReadonlySet<number>;
  readonly directChatId: string;
  readonly projectId: number | null;
  readonly messageIds: ReadonlySet<number>;
  readonly runId: string;
}

/**
 * Whether a frame is about this run (its users, its chats, its messages), so that an unexpected one
 * is a failure; frames clearly about other users or chats (other clients of a shared server) are not.
 * A frame that cannot be read well enough to tell is about this run.
 */
export function isAboutRun(frame: Frame, scope: Scope): boolean {
  const type = frameType(frame);
  const content = field(frame, 'content');
  if (type === undefined || !isPlainObject(content)) return true;
  if (type === 'error') return true; // errors go to the sender only: an error on our socket is ours
  if (type === 'set_online' || type === 'set_offline') {
    return typeof content.user_id === 'number' ? scope.users.has(content.user_id) : true;
  }
  const text = field(frame, 'content.message.text');
  if (typeof text === 'string' && text.includes(scope.runId)) return true;
  if (content.chat_type === 'direct' && content.chat_id === scope.directChatId) return true;
  const actor = typeof content.user_id === 'number' ? content.user_id : field(frame, 'content.message.author.id');
  if (typeof actor === 'number') return scope.users.has(actor);
  if (typeof content.message_id === 'number') return scope.messageIds.has(content.message_id);
  const ourProject = content.chat_type === 'project' && scope.projectId !== null && content.chat_id === scope.projectId;
  const otherChat = (content.chat_type === 'direct' || content.chat_type === 'project') && !ourProject;
  return !otherChat;
}
