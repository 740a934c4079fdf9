// A small recording WebSocket client: every frame it receives is kept, and a check waits for the
// next frame that matches, or for a quiet moment, always with a bounded timeout.
import WebSocket from 'ws';
import { readFrame, type Frame } from './frames.js';
import type { ProtocolProfile } from './profile/types.js';

import type { Transport } from './transports.js';

export { TRANSPORTS, TRANSPORT_LABELS, type Transport } from './transports.js';

export interface ConnectOptions {
  /** Who this connection is in reports, e.g. `A#1`. */
  label: string;
  /** How to send the token; `none` sends no token at all. */
  transport: Transport | 'none';
  token?: string;
  timeoutMs: number;
  /** Reads the frames the connection receives (protocol version 1 by default). */
  profile?: ProtocolProfile;
  /** Called with every frame received, as it arrives (for traces). */
  onFrame?: (frame: Frame) => void;
}

export type ConnectResult =
  | { kind: 'open'; client: RecordingClient }
  | { kind: 'refused'; status: number; statusText: string; body: string }
  | { kind: 'failed'; reason: string };

/** How much of a refused upgrade's body is kept (it is shown in reports). */
const BODY_LIMIT = 2048;

/** Opens a connection, reporting how the upgrade went instead of throwing. */
export function connect(url: string, options: ConnectOptions): Promise<ConnectResult> {
  const { label, transport, token = '', timeoutMs, profile, onFrame } = options;
  const target = new URL(url);
  const headers: Record<string, string> = {};
  let protocols: string[] = [];
  if (transport === 'header') headers.Authorization = `Bearer ${token}`;
  if (transport === 'query') target.searchParams.set('token', token);
  if (transport === 'subprotocol') protocols = ['Bearer', token];

  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: ConnectResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let ws: WebSocket;
    try {
      ws = new WebSocket(target, protocols, { headers, handshakeTimeout: timeoutMs });
    } catch (err) {
      finish({
        kind: 'failed',
        reason: `the client could not start the handshake: ${err instanceof Error ? err.message : String(err)}`,
      });
      return;
    }
    timer = setTimeout(() => {
      ws.terminate();
      finish({ kind: 'failed', reason: `no answer to the upgrade within ${timeoutMs} ms` });
    }, timeoutMs + 100);
    // Frames may arrive right after the upgrade: record them from the start.
    const client = new RecordingClient(label, ws, profile, onFrame);
    ws.on('unexpected-response', (req, res) => {
      const status = res.statusCode ?? 0;
      const statusText = res.statusMessage ?? '';
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        clearTimeout(bodyTimer);
        finish({
          kind: 'refused',
          status,
          statusText,
          body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT),
        });
        req.destroy();
      };
      // The body says why, when the server bothers; it is not worth waiting long for.
      const bodyTimer = setTimeout(done, Math.min(500, timeoutMs));
      res.on('data', (chunk: Buffer) => {
        if (size < BODY_LIMIT) chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_LIMIT) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    ws.on('open', () => {
      if (transport === 'subprotocol' && ws.protocol !== 'Bearer') {
        ws.terminate();
        finish({
          kind: 'failed',
          reason: `the server selected the subprotocol ${JSON.stringify(ws.protocol)}, not "Bearer" (a browser aborts the handshake)`,
        });
        return;
      }
      finish({ kind: 'open', client });
    });
    ws.on('error', (err) => finish({ kind: 'failed', reason: err.message }));
    ws.on('close', (code) =>
      finish({ kind: 'failed', reason: `the connection closed during the handshake (code ${code})` }),
    );
  });
}

type Waiter = () => void;

export class RecordingClient {
  readonly label: string;
  /** Every frame received, in order. */
  readonly log: Frame[] = [];
  #ws: WebSocket;
  #pending: Frame[] = [];
  #waiters = new Set<Waiter>();
  #closed: { code: number; reason: string } | null = null;
  #closedPromise: Promise<void>;

  constructor(label: string, ws: WebSocket, profile?: ProtocolProfile, onFrame?: (frame: Frame) => void) {
    this.label = label;
    this.#ws = ws;
    ws.on('message', (raw, isBinary) => {
      const frame = readFrame(label, raw, isBinary, profile);
      onFrame?.(frame);
      this.log.push(frame);
      this.#pending.push(frame);
      this.#wake();
    });
    ws.on('error', () => {
      /* reported through close */
    });
    this.#closedPromise = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.#closed = { code, reason: reason.toString() };
        this.#wake();
        resolve();
      });
    });
  }

  get isOpen(): boolean {
    return this.#closed === null && this.#ws.readyState === WebSocket.OPEN;
  }

  /** How the connection closed, or null while it is open. */
  get closed(): { code: number; reason: string } | null {
    return this.#closed;
  }

  /** Resolves when the connection has closed, however it closed. */
  whenClosed(): Promise<{ code: number; reason: string }> {
    return this.#closedPromise.then(() => this.#closed ?? { code: 1006, reason: '' });
  }

  /** Sends an event (as JSON) or a raw text frame. Returns false when the socket is not open. */
  send(frame: unknown): boolean {
    if (!this.isOpen) return false;
    this.#ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return true;
  }

  /** The first unconsumed frame that matches, waiting for it up to `timeoutMs`; null on timeout or close. */
  async nextFrame(match: (frame: Frame) => boolean, timeoutMs: number): Promise<Frame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#pending.findIndex(match);
      if (index >= 0) return this.#pending.splice(index, 1)[0] ?? null;
      const left = deadline - Date.now();
      if (left <= 0 || this.#closed) return null;
      await this.#change(left);
    }
  }

  /** Removes and returns every frame not consumed yet. */
  takePending(): Frame[] {
    return this.#pending.splice(0);
  }

  /** Waits `ms` and returns (consuming) every frame that arrived meanwhile or was still unconsumed. */
  async quiet(ms: number): Promise<Frame[]> {
    await sleep(ms);
    return this.takePending();
  }

  /** Closes the connection and waits until it is closed (terminating it after `timeoutMs`). */
  async close(timeoutMs = 1000): Promise<void> {
    if (this.#closed) return;
    if (this.#ws.readyState === WebSocket.CONNECTING || this.#ws.readyState === WebSocket.OPEN) this.#ws.close(1000);
    const timer = setTimeout(() => this.#ws.terminate(), timeoutMs);
    await this.#closedPromise;
    clearTimeout(timer);
  }

  #change(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done: Waiter = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
