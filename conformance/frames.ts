// One frame a server sent, as the checker recorded it: raw text, parsed JSON, and what in it breaks
// the server schemas (extra fields apart: they are warnings unless --strict). Also: whether a frame
// is about this run's users and chats at all.
import { isPlainObject, type Problem } from '../protocol/index.js';
import { containsText, isId, locate } from './profile/locate.js';
import type { ProtocolProfile } from './profile/types.js';
import { PROTOCOL_V1 } from './profile/v1.js';

export interface Frame {
  /** The connection that received it, e.g. `A#1`. */
  readonly receiver: string;
  /** When it arrived (ms since the epoch, the checker's clock). */
  readonly at: number;
  /** The frame as text (a binary frame is described, not decoded). */
  readonly text: string;
  /** The parsed JSON, or undefined when the frame is not JSON. */
  readonly data: unknown;
  /** What breaks the contract, one line each, extra fields left out; empty when it is valid. */
  readonly problems: readonly string[];
  /** The same problems as data (JSON pointer and code); empty for text that is not JSON. */
  readonly issues: readonly Problem[];
  /** Fields the spec does not define (`unknown_field`): warnings, or failures with --strict. */
  readonly extras: readonly Problem[];
}

export const formatProblem = (p: Problem): string =>
  `${p.message} [${p.code} at ${p.pointer === '' ? '/' : p.pointer}]`;

export function readFrame(
  receiver: string,
  raw: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
  profile: ProtocolProfile = PROTOCOL_V1,
): Frame {
  const at = Date.now();
  const buffer = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
  const none = { issues: [], extras: [] };
  if (isBinary) {
    const problems = ['is a binary frame: the protocol is JSON text frames only'];
    return { receiver, at, text: `<binary frame, ${buffer.length} bytes>`, data: undefined, problems, ...none };
  }
  const text = buffer.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { receiver, at, text, data: undefined, problems: [`is not JSON (${reason})`], ...none };
  }
  const all = profile.validate(data).problems;
  const issues = all.filter((p) => p.code !== 'unknown_field');
  const extras = all.filter((p) => p.code === 'unknown_field');
  return { receiver, at, text, data, problems: issues.map(formatProblem), issues, extras };
}

/** A frame shortened for a report line. */
export function describeFrame(frame: Frame, max = 240): string {
  return frame.text.length > max ? `${frame.text.slice(0, max)}… (${frame.text.length} chars)` : frame.text;
}

/** The frame's `type` when it has a string one. */
export function frameType(frame: Frame): string | undefined {
  return isPlainObject(frame.data) && typeof frame.data.type === 'string' ? frame.data.type : undefined;
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
 * Fields are looked for wherever the server put them. A frame that cannot be read well enough to
 * tell is about this run.
 */
export function isAboutRun(frame: Frame, scope: Scope, profile: ProtocolProfile = PROTOCOL_V1): boolean {
  const { data } = frame;
  const type = frameType(frame);
  if (!isPlainObject(data) || type === undefined) return true; // errors without a type, and the unreadable
  if (profile.errorForm(data)) return true; // errors go to the sender only: an error on our socket is ours
  if (containsText(data, scope.runId)) return true;
  const { fields } = profile;
  const userId = locate(data, fields.userId)?.value;
  if (type === 'set_online' || type === 'set_offline') return isId(userId) ? scope.users.has(userId) : true;
  const chatType = locate(data, fields.chatType)?.value;
  const chatId = locate(data, fields.chatId)?.value;
  if (chatId === scope.directChatId) return true;
  const author = locate(data, fields.author)?.value;
  const actor = isId(userId) ? userId : isPlainObject(author) ? author.id : author;
  if (isId(actor)) return scope.users.has(actor);
  const messageId = locate(data, fields.targetMessageId)?.value;
  if (isId(messageId)) return scope.messageIds.has(messageId);
  const ourProject = chatType === 'project' && scope.projectId !== null && chatId === scope.projectId;
  const otherChat = (chatType === 'direct' || chatType === 'project') && !ourProject;
  return !otherChat;
}
