// The recent frames in and out, with their validation verdicts: a log bounded in records and in
// bytes that an inspector can read (GET /__mock/traffic) or follow live (subscribe, after).
import type { Problem } from '../../protocol/index.js';

/** Where a record comes from; "proxy": a frame relayed by the proxy, "fault": a fault (see mock-server/faults/). */
export type TrafficSource = 'socket' | 'act-as' | 'emit' | 'bot' | 'proxy' | 'fault';

export interface TrafficRecord {
  seq: number;
  time: string;
  direction: 'in' | 'out';
  user_id: number | null;
  /** The socket's id; null for frames that did not travel on a socket (act-as, bots). */
  connection_id: string | null;
  source: TrafficSource;
  /** The frame's `type` when it has a string one. */
  type: string | null;
  /** Whether the frame is valid against the spec (client schemas for "in", server schemas for "out"). */
  valid: boolean;
  /** The first MAX_LISTED_PROBLEMS problems (see `problems_omitted`). */
  problems: Problem[];
  /** How many more problems the frame has than `problems` lists; absent when it lists them all. */
  problems_omitted?: number;
  /**
   * A valid frame as parsed JSON. An invalid or unread one as its text: the first
   * MAX_KEPT_TEXT characters of it, with `truncated` set when it was longer (a description for
   * binary frames).
   */
  frame: unknown;
  /** The first characters of the frame's text. */
  preview: string;
  /** The frame's size in bytes. */
  bytes: number;
  /** Present when `frame` holds only the first part of a long invalid frame's text. */
  truncated?: true;
  /** Why the frame is invalid when it has no problems list: not JSON, binary, not read (rate limit). */
  note?: string;
}

export type TrafficEntry = Omit<TrafficRecord, 'seq' | 'time'> & {
  /** The frame is the same object as the previous record's (one delivery to many): its bytes count once. */
  shared?: boolean;
};
export type TrafficListener = (record: TrafficRecord) => void;

export const PREVIEW_LENGTH = 160;

/**
 * The first `length` characters of a text as a string of their own. A plain slice would keep the
 * whole text alive (V8 shares a slice's characters with its parent), so a record kept for a while
 * would keep every frame's full text: this is what keeps the traffic log's memory as counted.
 */
const ownPrefix = (text: string, length: number): string => ` ${text.slice(0, length)}`.slice(1);

export const preview = (text: string): string =>
  text.length > PREVIEW_LENGTH ? `${ownPrefix(text, PREVIEW_LENGTH - 1)}…` : text;

/** An invalid frame's text is kept up to this many characters (see TrafficRecord.frame). */
export const MAX_KEPT_TEXT = 16 * 1024;

/** What the log keeps of an invalid frame's text, and whether it was cut. */
export function keptText(text: string): { frame: string; truncated?: true } {
  return text.length > MAX_KEPT_TEXT
    ? { frame: `${ownPrefix(text, MAX_KEPT_TEXT - 1)}…`, truncated: true }
    : { frame: text };
}

/** What a record costs beyond its frame: the record itself, its preview and its problems. */
const RECORD_OVERHEAD = 256;

/**
 * About how much memory a record holds: its frame (about twice its size as text or as parsed
 * JSON; once per delivery when shared), its preview and its problems.
 */
function costOf(entry: TrafficEntry): number {
  let cost = RECORD_OVERHEAD + 2 * entry.preview.length;
  if (!entry.shared) cost += 2 * entry.bytes;
  for (const p of entry.problems) cost += 64 + 2 * (p.pointer.length + p.message.length);
  return cost;
}

export interface TrafficLogLimits {
  /** The most records kept. Default 1000. */
  records?: number;
  /** About how many bytes of memory the records may hold; the oldest go first. Default 16 MiB. */
  bytes?: number;
}

export const DEFAULT_TRAFFIC_LIMITS: Readonly<Required<TrafficLogLimits>> = { records: 1000, bytes: 16 * 1024 * 1024 };

export class TrafficLog {
  /** The most records kept. */
  readonly capacity: number;
  /** About how many bytes the records may hold. */
  readonly budget: number;
  /** Kept records, oldest first, from index `head` on (the array is compacted now and then). */
  private records: TrafficRecord[] = [];
  private costs: number[] = [];
  private head = 0;
  private held = 0;
  private seq = 0;
  private evicted = 0;
  private readonly listeners = new Set<TrafficListener>();

  constructor(limits: number | TrafficLogLimits = {}) {
    const given = typeof limits === 'number' ? { records: limits } : limits;
    this.capacity = given.records ?? DEFAULT_TRAFFIC_LIMITS.records;
    this.budget = given.bytes ?? DEFAULT_TRAFFIC_LIMITS.bytes;
    for (const [name, value] of [
      ['records', this.capacity],
      ['bytes', this.budget],
    ] as const)
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`traffic ${name} must be an integer >= 1, got ${value}`);
  }

  /** How many records were ever added (the last record's seq). */
  get total(): number {
    return this.seq;
  }

  /** How many records are kept now. */
  get size(): number {
    return this.records.length - this.head;
  }

  /** About how many bytes the kept records hold. */
  get bytes(): number {
    return this.held;
  }

  /** How many records were dropped to stay within the limits. */
  get dropped(): number {
    return this.evicted;
  }

  /** The seq of the oldest record kept (total + 1 when none is). */
  get oldestSeq(): number {
    return this.seq - this.size + 1;
  }

  add(entry: TrafficEntry, time = new Date().toISOString()): TrafficRecord {
    // Field by field: an object spread costs about a microsecond on Node 20, per frame.
    const record: TrafficRecord = {
      seq: ++this.seq,
      time,
      direction: entry.direction,
      user_id: entry.user_id,
      connection_id: entry.connection_id,
      source: entry.source,
      type: entry.type,
      valid: entry.valid,
      problems: entry.problems,
      frame: entry.frame,
      preview: entry.preview,
      bytes: entry.bytes,
    };
    if (entry.problems_omitted) record.problems_omitted = entry.problems_omitted;
    if (entry.truncated) record.truncated = true;
    if (entry.note !== undefined) record.note = entry.note;
    const cost = costOf(entry);
    this.records.push(record);
    this.costs.push(cost);
    this.held += cost;
    while (this.size > this.capacity || (this.held > this.budget && this.size > 1)) this.evictOldest();
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch {
        // A listener's bug must not break the traffic.
      }
    }
    return record;
  }

  private evictOldest(): void {
    this.held -= this.costs[this.head] ?? 0;
    this.head++;
    this.evicted++;
    if (this.head >= 1024 && this.head * 2 >= this.records.length) {
      this.records = this.records.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }

  /** The newest `limit` records (all kept when omitted), oldest first; only those after `since` when given. */
  recent(limit = this.capacity, since = 0): TrafficRecord[] {
    const from = Math.max(
      this.head + Math.max(0, since - this.oldestSeq + 1),
      this.records.length - Math.max(0, limit),
    );
    return this.records.slice(Math.max(from, this.head));
  }

  /** The records after `seq`, oldest first, at most `max` of them (for a reader that follows the log). */
  after(seq: number, max: number): TrafficRecord[] {
    const from = this.head + Math.max(0, seq - this.oldestSeq + 1);
    return this.records.slice(from, from + Math.max(0, max));
  }

  subscribe(listener: TrafficListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  clear(): void {
    this.records = [];
    this.costs = [];
    this.head = 0;
    this.held = 0;
  }
}
