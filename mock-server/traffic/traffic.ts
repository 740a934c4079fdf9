// The recent frames in and out, with their validation verdicts: a bounded ring buffer that an
// inspector can read (GET /__mock/traffic) or follow live (subscribe).
import type { Problem } from '../../protocol/index.js';

export type TrafficSource = 'socket' | 'act-as' | 'emit' | 'bot';

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
  problems: Problem[];
  /** The parsed frame, or the raw text when it is not JSON (a description for binary frames). */
  frame: unknown;
  /** The first characters of the frame's text. */
  preview: string;
}

export type TrafficEntry = Omit<TrafficRecord, 'seq' | 'time'>;
export type TrafficListener = (record: TrafficRecord) => void;

export const PREVIEW_LENGTH = 160;
export const preview = (text: string): string =>
  text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;

/** Deeper frames are kept as their text: JSON.stringify (of GET /__mock/traffic) overflows the stack near 5000 levels. */
export const MAX_KEPT_DEPTH = 64;

const shallow = (value: unknown, depth: number): boolean => {
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_KEPT_DEPTH) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (!shallow(item, depth + 1)) return false;
  return true;
};

/**
 * What the log keeps of a frame's text: the parsed JSON when it can be written back out, else the
 * text itself (not JSON, or nested deeper than MAX_KEPT_DEPTH).
 */
export function keptFrame(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return shallow(value, 0) ? value : text;
}

export class TrafficLog {
  private readonly buffer: (TrafficRecord | undefined)[];
  private next = 0;
  private seq = 0;
  private readonly listeners = new Set<TrafficListener>();

  constructor(readonly capacity = 1000) {
    this.buffer = new Array<TrafficRecord | undefined>(capacity);
  }

  /** How many records were ever added (the last record's seq). */
  get total(): number {
    return this.seq;
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
    };
    this.buffer[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch {
        // A listener's bug must not break the traffic.
      }
    }
    return record;
  }

  /** The newest `limit` records (all kept when omitted), oldest first; only those after `since` when given. */
  recent(limit = this.capacity, since = 0): TrafficRecord[] {
    const all: TrafficRecord[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const record = this.buffer[(this.next + i) % this.capacity];
      if (record && record.seq > since) all.push(record);
    }
    return limit >= all.length ? all : all.slice(all.length - Math.max(0, limit));
  }

  subscribe(listener: TrafficListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.next = 0;
  }
}
