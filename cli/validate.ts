// `chats-ws-protocol validate`: frames checked against the spec, one verdict each. The input is
// one JSON frame, a JSON array of frames, or JSON lines (one frame per line, as a captured
// WebSocket log is); a line that is not JSON is reported and the rest are still checked. The
// proxy's --record files are JSON lines too: each frame line is judged by its direction ("in":
// client schemas, "out": server schemas), and the other lines (start, open, close, …) are skipped.
import { validateClientEvent, validateServerEvent } from '../protocol/index.js';
import * as v2 from '../protocol/v2/index.js';
import type { Problem } from '../protocol/index.js';

export type Sender = 'client' | 'server';

/**
 * One frame of the input: where it is (`frame 2`, `line 7`), and its value or why it is not JSON
 * (or binary); `sender` when the input says who sent it (a proxy record), `skip` for a record
 * line that is not a frame.
 */
export type InputFrame = (
  | { where: string; value: unknown }
  | { where: string; notJson: string }
  | { where: string; skip: string; protocol?: string }
) & {
  sender?: Sender;
};

/** A line of a proxy --record file: its kind, and for a frame its direction and what was sent. */
interface RecordLike {
  kind: string;
  /** On the start line: the protocol version the proxy judged frames against ("1", "2"). */
  protocol?: unknown;
  direction?: unknown;
  connection?: unknown;
  user?: unknown;
  frame?: unknown;
  text?: unknown;
  binary?: unknown;
}

const RECORD_KINDS = new Set(['start', 'open', 'close', 'refused', 'fault', 'frame']);

function isRecordLine(value: unknown): value is RecordLike {
  if (!isFrameObject(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.kind !== 'string' || !RECORD_KINDS.has(record.kind) || typeof record.time !== 'string')
    return false;
  return (
    record.kind !== 'frame' ||
    ((record.direction === 'in' || record.direction === 'out') &&
      ('frame' in record || 'text' in record || 'binary' in record))
  );
}

/** A record line as an input frame: judged by its direction (in: a client's, out: a server's). */
function fromRecord(line: RecordLike, where: string): InputFrame {
  if (line.kind === 'start' && typeof line.protocol === 'string')
    return { where, skip: line.kind, protocol: line.protocol };
  if (line.kind !== 'frame') return { where, skip: line.kind };
  const sender: Sender = line.direction === 'in' ? 'client' : 'server';
  const who = [
    `${String(line.direction)}`,
    typeof line.connection === 'string' ? line.connection : null,
    typeof line.user === 'number' ? `user ${line.user}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const at = `${where} (${who})`;
  if ('frame' in line) return { where: at, value: line.frame, sender };
  if (typeof line.binary === 'string')
    return { where: at, notJson: 'a binary frame (the protocol has JSON text frames only)', sender };
  try {
    return { where: at, value: JSON.parse(String(line.text)) as unknown, sender };
  } catch (err) {
    return { where: at, notJson: (err as Error).message, sender };
  }
}

export interface ValidationReport {
  /** The lines to print: a verdict per frame (problems indented under it), then the summary. */
  lines: string[];
  total: number;
  valid: number;
  /** Frames that are JSON but break the spec. */
  invalid: number;
  notJson: number;
}

const isFrameObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The frames of an input text; empty when it holds none (only white space). A text that parses
 * as a whole is one frame, or an array of frames; otherwise each non-blank line is one frame.
 */
export function readFrames(text: string): InputFrame[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole = JSON.parse(trimmed) as unknown;
    if (isRecordLine(whole)) return [fromRecord(whole, 'line 1')];
    if (Array.isArray(whole) && whole.length > 0 && whole.every(isFrameObject))
      return whole.map((value, i) => ({ where: `frame ${i + 1}`, value }));
    return [{ where: 'frame 1', value: whole }];
  } catch {
    // Not one JSON document: JSON lines.
  }
  const frames: InputFrame[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `line ${i + 1}`;
    try {
      const value = JSON.parse(line) as unknown;
      frames.push(isRecordLine(value) ? fromRecord(value, where) : { where, value });
    } catch (err) {
      frames.push({ where, notJson: (err as Error).message });
    }
  });
  return frames;
}

const problemLine = (p: Problem): string => `  ${p.pointer || '(frame)'}  ${p.code}  ${p.message}`;

const typeOf = (value: unknown): string | null => {
  const type = isFrameObject(value) ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : null;
};

/**
 * Checks every frame as sent by `sender`, or by whom its record says (a proxy record: "in" a
 * client's, "out" a server's), in that protocol version; the report says what to print and what
 * was found.
 */
export function validateFrames(frames: readonly InputFrame[], sender: Sender, protocol: 1 | 2 = 1): ValidationReport {
  const validators =
    protocol === 2
      ? { client: v2.validateClientEvent, server: v2.validateServerEvent }
      : { client: validateClientEvent, server: validateServerEvent };
  const judged = frames.filter((frame) => !('skip' in frame));
  const report: ValidationReport = { lines: [], total: judged.length, valid: 0, invalid: 0, notJson: 0 };
  const bySender: Record<Sender, number> = { client: 0, server: 0 };
  let recorded = false;
  for (const frame of judged) {
    if (frame.sender) recorded = true;
    const from = frame.sender ?? sender;
    bySender[from]++;
    if ('notJson' in frame) {
      report.notJson++;
      report.lines.push(`${frame.where}: NOT JSON  ${frame.notJson}`);
      continue;
    }
    if (!('value' in frame)) continue;
    const result = validators[from](frame.value);
    if (result.ok) {
      report.valid++;
      report.lines.push(`${frame.where}: valid ${result.event.type}`);
      continue;
    }
    report.invalid++;
    const type = typeOf(frame.value);
    report.lines.push(`${frame.where}: INVALID${type ? ` ${type}` : ''}`, ...result.problems.map(problemLine));
  }
  const bad = report.invalid + report.notJson;
  const noun = report.total === 1 ? 'frame' : 'frames';
  const skipped = frames.length - judged.length;
  const who = recorded
    ? `${noun} (${bySender.client} from clients, ${bySender.server} from servers)`
    : `${sender} ${noun}`;
  report.lines.push(
    `${report.total} ${who}: ${report.valid} valid, ${bad} invalid` +
      (report.notJson ? ` (${report.notJson} not JSON)` : '') +
      (skipped
        ? `; ${skipped} other record${skipped === 1 ? '' : 's'} skipped (start, open, close, refused, fault)`
        : ''),
  );
  return report;
}

/** The protocol version a proxy record says its frames are of (its start line), or null. */
export function recordedProtocol(frames: readonly InputFrame[]): 1 | 2 | null {
  for (const frame of frames) {
    if ('skip' in frame && frame.protocol !== undefined) return frame.protocol === '2' ? 2 : 1;
  }
  return null;
}
