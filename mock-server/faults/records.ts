// How faults appear in the traffic log: one record per fault begun or ended (source "fault", no
// type, the details as `frame`, a sentence as `note`) and one per frame a degraded link delayed,
// dropped, duplicated or held (source "fault", the frame's type and preview, what happened as
// `note`, the details as `frame`).
import { preview } from '../traffic/traffic.js';
import type { TrafficEntry } from '../traffic/traffic.js';
import type { FaultDirection } from './rules.js';

/** What happened to one frame. */
export type FrameFault = 'delayed' | 'dropped' | 'duplicated' | 'held';

/** A fault begun or ended. */
export type FaultEvent =
  'disconnect' | 'outage' | 'outage_end' | 'link' | 'link_removed' | 'stall' | 'stall_end' | 'cleared';

/** The `frame` of a fault record: what kind, and its details. */
export interface FaultDetails {
  fault: FaultEvent | FrameFault;
  [key: string]: unknown;
}

/** A record of a fault begun or ended. */
export function eventEntry(
  fault: FaultEvent,
  note: string,
  details: Record<string, unknown>,
  user: number | null,
): TrafficEntry {
  const frame: FaultDetails = { fault, ...details };
  return {
    direction: 'out',
    user_id: user,
    connection_id: null,
    source: 'fault',
    type: null,
    valid: true,
    problems: [],
    frame,
    preview: preview(note),
    bytes: 0,
    note,
  };
}

/** The `type` of a frame's text, when it is a JSON object with a string one (only faulted frames are read). */
export function typeOfFrame(data: Buffer | string, isBinary: boolean): string | null {
  if (isBinary) return null;
  try {
    const value: unknown = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}

/** A record of what a fault did to one frame. */
export function frameEntry(
  what: FrameFault,
  note: string,
  details: Record<string, unknown>,
  frame: {
    direction: FaultDirection;
    user: number | null;
    connection: string;
    data: Buffer | string;
    isBinary: boolean;
  },
): TrafficEntry {
  const text = frame.isBinary ? `<binary frame, ${frame.data.length} bytes>` : frame.data.toString();
  return {
    direction: frame.direction,
    user_id: frame.user,
    connection_id: frame.connection,
    source: 'fault',
    type: typeOfFrame(frame.data, frame.isBinary),
    valid: true,
    problems: [],
    frame: { fault: what, ...details } satisfies FaultDetails,
    preview: preview(text),
    bytes: frame.data.length,
    // The record holds the details and a preview, not the frame: its bytes cost the log nothing.
    shared: true,
    note,
  };
}
