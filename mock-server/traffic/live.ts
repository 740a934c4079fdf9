// GET /__mock/live: the inspector's live channel, as server-sent events. Every traffic record as
// it happens (after the recent ones as a backlog), and a `state` ping whenever the mock's state
// (who is connected or online, the chats and messages) changed, so the page re-reads
// GET /__mock/state.
//
//   event: hello    data: LiveHello                  first, on every (re)connection
//   event: traffic  id: <instance>-<seq>  data: TrafficRecord   one per frame, oldest first
//   event: state    data: LiveStatePing              the state changed
//   : keepalive                                      a comment every 15 s
//
// Bounded whatever its subscribers do: each one reads the traffic log through a cursor, in chunks
// of at most CHUNK_BYTES, and only while its socket takes more (back-pressure), so one that never
// reads holds one chunk, not the backlog. One that falls so far behind that the log dropped what
// it had not read yet, or that has not taken a chunk for `stallMs`, is disconnected (an
// EventSource reconnects and resumes). At most `maxClients` subscribe at once; one more gets 503.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { LiveStats } from './live-stats.js';
import type { TrafficLog, TrafficRecord } from './traffic.js';

export const LIVE_PATH = '/__mock/live';

export interface LiveHello {
  server_time: string;
  /** This mock's traffic log (new at every start): the first part of every traffic event's id. */
  instance: string;
  /** The last record's seq (how many records were ever added). */
  total: number;
  /** How many records the mock keeps at most. */
  capacity: number;
  /** How many traffic events follow at once, before the live ones. */
  backlog: number;
  /**
   * True when the client asked to resume (Last-Event-ID or ?since=) from another instance's
   * records: the mock restarted, so the client should forget what it shows; the backlog is whole.
   */
  reset: boolean;
  /** Records after the resume point that the log no longer holds (they are not sent). */
  missed: number;
}

export interface LiveStatePing {
  at: string;
}

export type { TrafficRecord };

export interface LiveSource {
  traffic: Pick<TrafficLog, 'after' | 'subscribe' | 'total' | 'capacity' | 'oldestSeq'>;
  /**
   * A cheap summary of the state: when it differs from the last one, clients get a `state` ping.
   * Looked at shortly after each frame, and every `pollMs` (connections that produce no frame).
   */
  stateFingerprint: () => string;
}

export interface LiveOptions {
  pollMs?: number;
  heartbeatMs?: number;
  /** Subscribers at once; one more is answered 503. Default 32. */
  maxClients?: number;
  /** A subscriber whose socket has taken nothing for this long is disconnected. Default 30 s. */
  stallMs?: number;
  /** Where refusals and drops are told (the mock's log). */
  warn?: (message: string) => void;
}

export type { LiveStats } from './live-stats.js';

/** One write to a subscriber holds at most about this many bytes of events. */
export const CHUNK_BYTES = 64 * 1024;

interface Client {
  res: Response;
  /** The seq of the last record sent. */
  cursor: number;
  /** Waiting for its socket to drain since this time (ms); 0 when it takes more. */
  waitingSince: number;
  /** A state ping is owed once it has caught up. */
  statePending: boolean;
  label: string;
}

const frameOf = (event: string, data: unknown, id?: string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Where a client resumes: `<instance>-<seq>` (an event id), or a bare seq. */
function resumeFrom(req: Request): { instance: string | null; seq: number } | null {
  const header = req.get('last-event-id');
  const query = typeof req.query.since === 'string' ? req.query.since : undefined;
  const match = /^(?:([0-9a-f]+)-)?(\d+)$/.exec((header ?? query ?? '').trim());
  return match ? { instance: match[1] ?? null, seq: Number(match[2]) } : null;
}

export class LiveChannel {
  /** Tells this log's records from another start's (the event ids begin with it). */
  readonly instance = randomBytes(4).toString('hex');
  private readonly clients = new Set<Client>();
  private unsubscribe: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private fingerprint = '';
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly maxClients: number;
  private readonly stallMs: number;
  private readonly warn: (message: string) => void;
  private readonly counts = { refused: 0, dropped: 0 };
  private nextClient = 0;

  constructor(
    private readonly source: LiveSource,
    options: LiveOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxClients = options.maxClients ?? 32;
    this.stallMs = options.stallMs ?? 30_000;
    this.warn = options.warn ?? (() => {});
  }

  private eventId(record: TrafficRecord): string {
    return `${this.instance}-${record.seq}`;
  }

  get size(): number {
    return this.clients.size;
  }

  stats(): LiveStats {
    return { subscribers: this.clients.size, ...this.counts };
  }

  /** The express handler of GET /__mock/live. */
  readonly handle = (req: Request, res: Response): void => {
    if (this.clients.size >= this.maxClients) {
      this.counts.refused++;
      const reason = `${this.maxClients} live-stream subscribers are open, the limit (--max-live-clients)`;
      this.warn(`refused a live-stream subscriber: ${reason}`);
      res.status(503).set('Retry-After', '5').type('text').send(`Service Unavailable: ${reason}\n`);
      return;
    }
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    const { traffic } = this.source;
    const since = resumeFrom(req);
    const reset =
      since !== null && ((since.instance !== null && since.instance !== this.instance) || since.seq > traffic.total);
    const from = since === null || reset ? 0 : since.seq;
    const cursor = Math.max(from, traffic.oldestSeq - 1);
    const hello: LiveHello = {
      server_time: new Date().toISOString(),
      instance: this.instance,
      total: traffic.total,
      capacity: traffic.capacity,
      backlog: traffic.total - cursor,
      reset,
      missed: since === null || reset ? 0 : cursor - from,
    };
    const client: Client = {
      res,
      cursor,
      waitingSince: 0,
      statePending: true,
      label: `${req.socket.remoteAddress ?? '?'} #${++this.nextClient}`,
    };
    this.clients.add(client);
    this.start();
    res.on('close', () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
    });
    this.write(client, `retry: 1000\n\n${frameOf('hello', hello)}`);
    this.pump(client);
  };

  /** Ends every stream and stops listening (the server is closing). */
  close(): void {
    for (const client of [...this.clients]) client.res.end();
    this.clients.clear();
    this.stop();
  }

  private start(): void {
    if (this.unsubscribe) return;
    this.fingerprint = this.safeFingerprint();
    this.unsubscribe = this.source.traffic.subscribe(() => this.onRecord());
    this.pollTimer = setInterval(() => this.checkState(), this.pollMs).unref();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.heartbeatMs).unref();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of [this.pollTimer, this.heartbeatTimer, this.checkTimer]) if (timer) clearInterval(timer);
    this.pollTimer = this.heartbeatTimer = this.checkTimer = null;
  }

  private onRecord(): void {
    for (const client of this.clients) this.pump(client);
    // A burst of frames (one message to many connections) gives one look at the state.
    this.checkTimer ??= setTimeout(() => {
      this.checkTimer = null;
      this.checkState();
    }, 30).unref();
  }

  /**
   * Sends a subscriber what it has not had yet, a chunk at a time, while its socket takes more;
   * then the state ping it is owed. Resumed by 'drain'.
   */
  private pump(client: Client): void {
    const { traffic } = this.source;
    while (client.waitingSince === 0 && !client.res.writableEnded) {
      if (client.cursor < traffic.oldestSeq - 1) {
        const lost = traffic.oldestSeq - 1 - client.cursor;
        return this.drop(client, `it fell behind: ${lost} records were dropped from the log before it read them`);
      }
      let text = '';
      for (const record of traffic.after(client.cursor, 256)) {
        text += frameOf('traffic', record, this.eventId(record));
        client.cursor = record.seq;
        if (text.length >= CHUNK_BYTES) break;
      }
      if (!text) break;
      this.write(client, text);
    }
    if (client.waitingSince === 0 && client.statePending && client.cursor >= traffic.total) {
      client.statePending = false;
      this.write(client, frameOf('state', { at: new Date().toISOString() } satisfies LiveStatePing));
    }
  }

  private write(client: Client, text: string): void {
    if (client.res.writableEnded) return;
    if (!client.res.write(text)) {
      client.waitingSince = Date.now();
      client.res.once('drain', () => {
        client.waitingSince = 0;
        this.pump(client);
      });
    }
  }

  private drop(client: Client, why: string): void {
    this.counts.dropped++;
    this.warn(`dropped live-stream subscriber ${client.label}: ${why}`);
    this.clients.delete(client);
    client.res.destroy();
    if (this.clients.size === 0) this.stop();
  }

  /** A keepalive comment to the subscribers that keep up; those stuck for `stallMs` are dropped. */
  private heartbeat(): void {
    const now = Date.now();
    for (const client of [...this.clients]) {
      if (client.waitingSince === 0) this.write(client, ': keepalive\n\n');
      else if (now - client.waitingSince >= this.stallMs)
        this.drop(client, `it read nothing for ${Math.round((now - client.waitingSince) / 1000)} s`);
    }
  }

  private checkState(): void {
    const next = this.safeFingerprint();
    if (next === this.fingerprint) return;
    this.fingerprint = next;
    for (const client of this.clients) {
      client.statePending = true;
      this.pump(client);
    }
  }

  private safeFingerprint(): string {
    try {
      return this.source.stateFingerprint();
    } catch (err) {
      return `unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
