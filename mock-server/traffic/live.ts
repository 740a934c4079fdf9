// GET /__mock/live: the inspector's live channel, as server-sent events. Every traffic record as
// it happens (after the recent ones as a backlog), and a `state` ping whenever the mock's state
// (who is connected or online, the chats and messages) changed, so the page re-reads
// GET /__mock/state. Read-only, no token: it shows what GET /__mock/traffic already shows.
//
//   event: hello    data: LiveHello                  first, on every (re)connection
//   event: traffic  id: <instance>-<seq>  data: TrafficRecord   one per frame, oldest first
//   event: state    data: LiveStatePing              the state changed
//   : keepalive                                      a comment every 15 s
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { TrafficLog, TrafficRecord } from './traffic.js';

export const LIVE_PATH = '/__mock/live';

export interface LiveHello {
  server_time: string;
  /** This mock's traffic log (new at every start): the first part of every traffic event's id. */
  instance: string;
  /** The last record's seq (how many records were ever added). */
  total: number;
  /** How many records the mock keeps. */
  capacity: number;
  /** How many traffic events follow at once, before the live ones. */
  backlog: number;
  /**
   * True when the client asked to resume (Last-Event-ID or ?since=) from another instance's
   * records: the mock restarted, so the client should forget what it shows; the backlog is whole.
   */
  reset: boolean;
}

export interface LiveStatePing {
  at: string;
}

export type { TrafficRecord };

export interface LiveSource {
  traffic: Pick<TrafficLog, 'recent' | 'subscribe' | 'total' | 'capacity'>;
  /**
   * A cheap summary of the state: when it differs from the last one, clients get a `state` ping.
   * Looked at shortly after each frame, and every `pollMs` (connections that produce no frame).
   */
  stateFingerprint: () => string;
}

export interface LiveOptions {
  pollMs?: number;
  heartbeatMs?: number;
  /** A client that has this many bytes not yet sent is too slow and is disconnected. */
  maxBufferedBytes?: number;
}

interface Client {
  res: Response;
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
  private readonly maxBufferedBytes: number;

  constructor(
    private readonly source: LiveSource,
    options: LiveOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  }

  private eventId(record: TrafficRecord): string {
    return `${this.instance}-${record.seq}`;
  }

  get size(): number {
    return this.clients.size;
  }

  /** The express handler of GET /__mock/live. */
  readonly handle = (req: Request, res: Response): void => {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    const client: Client = { res };
    this.clients.add(client);
    this.start();
    res.on('close', () => this.drop(client));

    const { traffic } = this.source;
    const since = resumeFrom(req);
    const reset =
      since !== null && ((since.instance !== null && since.instance !== this.instance) || since.seq > traffic.total);
    const backlog = traffic.recent(traffic.capacity, since === null || reset ? 0 : since.seq);
    const hello: LiveHello = {
      server_time: new Date().toISOString(),
      instance: this.instance,
      total: traffic.total,
      capacity: traffic.capacity,
      backlog: backlog.length,
      reset,
    };
    let text = `retry: 1000\n\n${frameOf('hello', hello)}`;
    for (const record of backlog) text += frameOf('traffic', record, this.eventId(record));
    text += frameOf('state', { at: hello.server_time } satisfies LiveStatePing);
    this.write(client, text);
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
    this.unsubscribe = this.source.traffic.subscribe((record) => this.onRecord(record));
    this.pollTimer = setInterval(() => this.checkState(), this.pollMs).unref();
    this.heartbeatTimer = setInterval(() => this.broadcast(': keepalive\n\n'), this.heartbeatMs).unref();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of [this.pollTimer, this.heartbeatTimer, this.checkTimer]) if (timer) clearInterval(timer);
    this.pollTimer = this.heartbeatTimer = this.checkTimer = null;
  }

  private drop(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stop();
  }

  private onRecord(record: TrafficRecord): void {
    this.broadcast(frameOf('traffic', record, this.eventId(record)));
    // A burst of frames (one message to many connections) gives one look at the state.
    this.checkTimer ??= setTimeout(() => {
      this.checkTimer = null;
      this.checkState();
    }, 30).unref();
  }

  private checkState(): void {
    const next = this.safeFingerprint();
    if (next === this.fingerprint) return;
    this.fingerprint = next;
    this.broadcast(frameOf('state', { at: new Date().toISOString() } satisfies LiveStatePing));
  }

  private safeFingerprint(): string {
    try {
      return this.source.stateFingerprint();
    } catch (err) {
      return `unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private broadcast(text: string): void {
    for (const client of this.clients) this.write(client, text);
  }

  private write(client: Client, text: string): void {
    if (client.res.writableEnded) return;
    if (client.res.writableLength > this.maxBufferedBytes) {
      client.res.end();
      this.drop(client);
      return;
    }
    client.res.write(text);
  }
}
