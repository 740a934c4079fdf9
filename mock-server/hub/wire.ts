// The frames themselves: every outgoing frame checked against the server schemas, written once
// as text and sent to each target connection; every frame in and out recorded in the traffic log
// and logged; the counts of both.
import { MAX_LISTED_PROBLEMS } from '../../protocol/index.js';
import type { Problem } from '../../protocol/index.js';
import type { Dialect, WireServerEvent } from '../dialects/index.js';
import type { Connection } from './connections.js';
import type { MockLogger } from '../traffic/log.js';
import { type TrafficEntry, type TrafficLog, type TrafficSource, keptText, preview } from '../traffic/traffic.js';

/** What a delivery reached: the users with an open connection, and how many connections. */
export interface Delivered {
  event: WireServerEvent;
  user_ids: number[];
  connections: number;
}

export interface IncomingFrame {
  type: string | null;
  valid: boolean;
  /** At most MAX_LISTED_PROBLEMS; `omitted` counts the rest. */
  problems: Problem[];
  omitted?: number | undefined;
  /** The text, or a description of a frame that is not text (binary). */
  text: string;
  /** The parsed event when valid; otherwise the text is kept (cut when long). */
  event?: unknown;
  /** The frame's size in bytes. */
  bytes: number;
  /** Why it is invalid when there are no problems (not JSON, binary, not read). */
  reason?: string | undefined;
}

export class Wire {
  readonly counts = { framesIn: 0, framesOut: 0, outgoingViolations: 0 };
  private lastMs = Number.NaN;
  private lastIso = '';

  constructor(
    private readonly traffic: TrafficLog,
    private readonly logger: MockLogger,
    private readonly now: () => Date,
    // Protocol seam (issue #18): the server schemas of the version the sockets speak.
    private readonly validateServerEvent: Dialect['validateServer'],
  ) {}

  /** `actor`: the user whose action caused this frame, for the log (null: nobody, e.g. an emit). */
  send(
    event: WireServerEvent,
    targets: Map<number, ReadonlySet<Connection>>,
    source: TrafficSource,
    actor?: number | null,
  ): Delivered {
    const check = this.validateServerEvent(event, { maxProblems: MAX_LISTED_PROBLEMS });
    const problems = check.ok ? [] : check.problems;
    const omitted = check.ok ? 0 : (check.omitted ?? 0);
    if (!check.ok) {
      this.counts.outgoingViolations++;
      this.logger.error('BUG: an outgoing frame violates the server schema', { event, problems });
    }
    const text = JSON.stringify(event);
    const data = Buffer.from(text);
    const time = this.isoNow();
    const shown = preview(text);
    let count = 0;
    for (const [userId, set] of targets) {
      for (const connection of set) {
        connection.send(data);
        const entry: TrafficEntry = {
          direction: 'out',
          user_id: userId,
          connection_id: connection.id,
          source,
          type: event.type,
          valid: check.ok,
          problems,
          frame: event,
          preview: shown,
          bytes: data.length,
          shared: count > 0,
        };
        if (omitted) entry.problems_omitted = omitted;
        this.traffic.add(entry, time);
        count++;
      }
    }
    this.counts.framesOut += count;
    const userIds = [...targets.keys()];
    if (count > 0 && this.logger.framesEnabled) {
      const errorCode = event.type === 'error' ? event.content.code : undefined;
      this.logger.frame({
        direction: 'out',
        userIds,
        actor,
        frame: event,
        connections: count,
        source,
        type: event.type,
        valid: check.ok,
        problems,
        errorCode,
      });
    }
    return { event, user_ids: userIds, connections: count };
  }

  /** The current time as ISO 8601, formatted at most once per millisecond. */
  private isoNow(): string {
    const now = this.now();
    const ms = now.getTime();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = now.toISOString();
    }
    return this.lastIso;
  }

  recordIn(userId: number, connectionId: string | null, source: TrafficSource, entry: IncomingFrame): void {
    this.counts.framesIn++;
    const record: TrafficEntry = {
      direction: 'in',
      user_id: userId,
      connection_id: connectionId,
      source,
      type: entry.type,
      valid: entry.valid,
      problems: entry.problems,
      frame: null,
      preview: preview(entry.text),
      bytes: entry.bytes,
    };
    if (entry.valid) record.frame = entry.event;
    else Object.assign(record, keptText(entry.text));
    if (entry.omitted) record.problems_omitted = entry.omitted;
    if (entry.reason !== undefined) record.note = entry.reason;
    this.traffic.add(record);
    if (this.logger.framesEnabled) {
      const { type, valid, problems, omitted, reason } = entry;
      this.logger.frame({
        direction: 'in',
        userIds: [userId],
        connections: 1,
        source,
        type,
        valid,
        problems,
        omitted,
        reason,
        frame: entry.valid ? entry.event : undefined,
      });
    }
  }
}
