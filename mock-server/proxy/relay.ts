// One client and its upstream connection: frames relayed both ways unchanged and in order (text
// as text, binary as binary, the same bytes), each judged and recorded on the way; pings and
// pongs passed on, so each side's heartbeat sees the other; back-pressure both ways (a side that
// does not read stops the proxy reading the other); the close code and reason of whichever side
// closes first passed to the other.
import type { WebSocket } from 'ws';
import { type FaultDirection, type FaultTarget, type Faults, isSendableCloseCode } from '../faults/index.js';
import { type Limits, describeRate } from '../gateway/limits.js';
import { RateLimiter } from '../gateway/rate-limit.js';
import type { MockLogger } from '../traffic/log.js';
import { type TrafficEntry, type TrafficLog, keptText, preview } from '../traffic/traffic.js';
import { type Judged, type ProtocolValidators, judgeFrame } from './judge.js';
import { type RecordFile, frameFields } from './record-file.js';
import type { ProxyCounts } from './stats.js';
import type { RelayInfo } from './relay-info.js';

/** Bytes sent to one side and not yet written to its socket, beyond which the other side is not read. */
export const HIGH_WATER_BYTES = 1024 * 1024;
/** …and below which it is read again. */
export const LOW_WATER_BYTES = 256 * 1024;

export interface RelayContext {
  traffic: TrafficLog;
  logger: MockLogger;
  limits: Limits;
  validators: ProtocolValidators;
  faults: Faults;
  record: RecordFile | null;
  counts: ProxyCounts;
}

export type { Blame, RelayInfo } from './relay-info.js';

export interface RelayMeta {
  id: string;
  userId: number | null;
  path: string;
}

const toBuffer = (data: Buffer | ArrayBuffer | Buffer[]): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/** Sends to one side, counting what is not written yet; `press(true)` when too much is, `press(false)` when it drained. */
class Pipe {
  private pending = 0;
  private pressing = false;

  constructor(
    private readonly sink: WebSocket,
    private readonly press: (on: boolean) => void,
  ) {}

  send(data: Buffer, isBinary: boolean): void {
    const size = data.length;
    this.pending += size;
    this.sink.send(data, { binary: isBinary }, () => {
      this.pending -= size;
      if (this.pressing && this.pending <= LOW_WATER_BYTES) {
        this.pressing = false;
        this.press(false);
      }
    });
    if (!this.pressing && this.pending > HIGH_WATER_BYTES) {
      this.pressing = true;
      this.press(true);
    }
  }
}

/** The close code `ws` closed a socket with for one of its errors (kept on the error as its "status-code" symbol). */
function closeCodeOf(err: Error): number | undefined {
  const key = Object.getOwnPropertySymbols(err).find((symbol) => symbol.description === 'status-code');
  const code: unknown = key === undefined ? undefined : (err as unknown as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : undefined;
}

/** Passes a close on: the same code and reason when a close frame may carry them; none for 1005; an abnormal end for 1006. */
function passClose(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === ws.CLOSING || ws.readyState === ws.CLOSED) return;
  if (isSendableCloseCode(code)) ws.close(code, reason);
  else if (code === 1005) ws.close();
  else ws.terminate();
}

export class Relay implements FaultTarget {
  readonly connection: FaultTarget['connection'];
  private readonly info: RelayInfo;
  private readonly toUpstream: Pipe;
  private readonly toClient: Pipe;
  /** Why the client is not read now ("pressure", "stall"); read again when none is left. */
  private readonly clientHolds = new Set<string>();
  private readonly pings: RateLimiter | null;
  private closedBy: string | null = null;
  /** The close code `ws` sent a side for an error of its (1009 too large, 1007 not UTF-8, …). */
  private readonly errorCodes: { client?: number; server?: number } = {};
  private sidesClosed = 0;
  readonly finished: Promise<RelayInfo>;

  constructor(
    readonly client: WebSocket,
    readonly upstream: WebSocket,
    private readonly ctx: RelayContext,
    meta: RelayMeta,
  ) {
    this.info = {
      id: meta.id,
      user_id: meta.userId,
      path: meta.path,
      subprotocol: client.protocol || null,
      opened_at: new Date().toISOString(),
      closed_at: null,
      close: null,
      frames: { in: 0, out: 0 },
      invalid: { in: 0, out: 0 },
      broke_contract: null,
    };
    this.connection = {
      id: meta.id,
      userId: meta.userId,
      close: (code, reason) => this.closeBoth(code, reason, 'The proxy closed the client connection (a fault)'),
    };
    const { limits } = ctx;
    this.pings = limits.pingLimit ? new RateLimiter(limits.pingLimit, Date.now()) : null;
    this.toUpstream = new Pipe(upstream, (on) => this.holdClient('pressure', on));
    this.toClient = new Pipe(client, (on) => (on ? upstream.pause() : upstream.resume()));

    client.on('message', (data, isBinary) => this.frame('in', toBuffer(data), isBinary));
    upstream.on('message', (data, isBinary) => this.frame('out', toBuffer(data), isBinary));
    client.on('ping', (data) => this.clientPinged(data));
    client.on('pong', (data) => upstream.readyState === upstream.OPEN && upstream.pong(data));
    upstream.on('ping', (data) => {
      if (ctx.faults.active && ctx.faults.isStalled(this)) return; // a stalled server sends nothing
      if (client.readyState === client.OPEN) client.ping(data);
    });
    upstream.on('pong', (data) => client.readyState === client.OPEN && client.pong(data));
    client.on('error', (err: Error & { code?: string }) => this.failed('client', err));
    upstream.on('error', (err: Error & { code?: string }) => this.failed('server', err));
    this.finished = new Promise((resolve) => {
      const ended = (side: 'client' | 'server', received: number, reason: Buffer): void => {
        // A side `ws` closed for an error of its own (1009, 1007, …) reads no answer: its close
        // says 1006, but its peer was told the error's code, and so is the other side.
        const code = received === 1006 ? (this.errorCodes[side] ?? received) : received;
        const text = reason.toString();
        if (!this.info.close) this.info.close = { code, reason: text, by: this.closedBy ?? side };
        passClose(side === 'client' ? upstream : client, code, text);
        if (++this.sidesClosed < 2) return;
        this.info.closed_at = new Date().toISOString();
        resolve(this.snapshot());
      };
      client.once('close', (code, reason) => ended('client', code, reason));
      upstream.once('close', (code, reason) => ended('server', code, reason));
    });
  }

  /** What GET /__mock/connections shows of this connection. */
  snapshot(): RelayInfo {
    return {
      ...this.info,
      frames: { ...this.info.frames },
      invalid: { ...this.info.invalid },
      close: this.info.close && { ...this.info.close },
    };
  }

  /** The proxy ends the connection (a fault, a ping flood, shutting down): the client with `code`, the upstream with 1001. */
  closeBoth(code: number, reason: string, upstreamReason: string): void {
    this.closedBy ??= 'proxy';
    this.info.close ??= { code, reason, by: 'proxy' };
    passClose(this.client, code, reason);
    passClose(this.upstream, 1001, upstreamReason);
  }

  /** Faults: a frame they held back goes on its way. */
  deliver(direction: FaultDirection, data: Buffer | string, isBinary: boolean): void {
    this.forward(direction, typeof data === 'string' ? Buffer.from(data) : data, isBinary);
  }

  /** Faults: a stall stops reading the client (its frames and pings wait in TCP), the connection kept. */
  hold(on: boolean): void {
    this.holdClient('stall', on);
  }

  private holdClient(reason: string, on: boolean): void {
    const before = this.clientHolds.size > 0;
    if (on) this.clientHolds.add(reason);
    else this.clientHolds.delete(reason);
    const after = this.clientHolds.size > 0;
    if (after && !before) this.client.pause();
    else if (!after && before) this.client.resume();
  }

  private frame(direction: FaultDirection, data: Buffer, isBinary: boolean): void {
    const judged = judgeFrame(this.ctx.validators, direction, data, isBinary);
    this.account(direction, judged);
    this.recordFrame(direction, data, isBinary, judged);
    const { faults } = this.ctx;
    if (faults.active && faults.divert(this, direction, data, isBinary)) return;
    this.forward(direction, data, isBinary);
  }

  private forward(direction: FaultDirection, data: Buffer, isBinary: boolean): void {
    const sink = direction === 'in' ? this.upstream : this.client;
    if (sink.readyState !== sink.OPEN) {
      this.ctx.counts.framesAfterClose++;
      return;
    }
    (direction === 'in' ? this.toUpstream : this.toClient).send(data, isBinary);
  }

  private account(direction: FaultDirection, judged: Judged): void {
    const { counts } = this.ctx;
    this.info.frames[direction]++;
    counts.frames[direction]++;
    if (judged.valid) return;
    this.info.invalid[direction]++;
    counts.invalid[direction]++;
    const { invalid } = this.info;
    this.info.broke_contract = invalid.in && invalid.out ? 'both' : invalid.in ? 'client' : 'server';
  }

  private recordFrame(direction: FaultDirection, data: Buffer, isBinary: boolean, judged: Judged): void {
    const { traffic, logger, record } = this.ctx;
    const { id, userId } = this.connection;
    const entry: TrafficEntry = {
      direction,
      user_id: userId,
      connection_id: id,
      source: 'proxy',
      type: judged.type,
      valid: judged.valid,
      problems: judged.problems,
      frame: judged.parsed,
      preview: preview(judged.text),
      bytes: data.length,
    };
    if (!judged.valid) Object.assign(entry, keptText(judged.text));
    if (judged.omitted) entry.problems_omitted = judged.omitted;
    if (judged.note !== undefined) entry.note = judged.note;
    traffic.add(entry);
    if (logger.framesEnabled) {
      const parsed = judged.parsed as { type?: unknown; content?: { code?: unknown } } | undefined;
      const code = direction === 'out' && parsed?.type === 'error' ? parsed.content?.code : undefined;
      logger.frame({
        direction,
        userIds: userId === null ? [] : [userId],
        frame: judged.parsed ?? judged.text,
        connections: 1,
        source: 'proxy',
        type: judged.type,
        valid: judged.valid,
        problems: judged.problems,
        omitted: judged.omitted,
        reason: judged.note,
        errorCode: typeof code === 'string' ? code : undefined,
      });
    }
    record?.write({
      kind: 'frame',
      time: new Date().toISOString(),
      direction,
      connection: id,
      user: userId,
      type: judged.type,
      verdict: judged.valid ? 'valid' : 'invalid',
      problems: judged.problems,
      ...(judged.omitted ? { problems_omitted: judged.omitted } : {}),
      ...(judged.note !== undefined ? { note: judged.note } : {}),
      ...frameFields(data, isBinary, judged.text, judged.parsed),
    });
  }

  /** A client's ping goes upstream (the upstream's pong comes back), unless pings come faster than --ping-limit. */
  private clientPinged(data: Buffer): void {
    const { limits, logger, counts } = this.ctx;
    if (this.pings && limits.pingLimit && !this.pings.take(Date.now())) {
      if (this.closedBy !== null) return;
      counts.pingFloods++;
      logger.warn(
        `ping flood on conn ${this.connection.id}: more than ${describeRate(limits.pingLimit).replace('frame', 'ping')} ` +
          '(--ping-limit); closed with 1008',
        { connection_id: this.connection.id, close_code: 1008 },
      );
      this.closeBoth(1008, 'Too many pings', 'The proxy closed the client connection: a ping flood');
      return;
    }
    if (this.upstream.readyState === this.upstream.OPEN) this.upstream.ping(data);
  }

  /** WebSocket errors: `ws` closes that socket itself (1009 too large, 1007 not UTF-8, 1002, …); the close is passed on. */
  private failed(side: 'client' | 'server', err: Error & { code?: string }): void {
    const { logger, counts, limits } = this.ctx;
    const where = `conn ${this.connection.id}${this.connection.userId === null ? '' : ` (user ${this.connection.userId})`}`;
    const data = { connection_id: this.connection.id, side };
    const code = closeCodeOf(err);
    if (code !== undefined) this.errorCodes[side] = code;
    if (side === 'client' && err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      counts.oversizedFrames++;
      return logger.warn(
        `frame too large from the client on ${where}: the limit is ${limits.maxPayload} bytes (--max-payload); closed with 1009`,
        data,
      );
    }
    if (err.code === undefined) return logger.info(`socket error on the ${side} side of ${where}: ${err.message}`);
    counts.protocolErrors++;
    logger.warn(`WebSocket error on the ${side} side of ${where}: ${err.message} (${err.code}); closed`, data);
  }
}
