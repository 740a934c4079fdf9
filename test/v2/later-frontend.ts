// A client that behaves as the reference backend's later web frontend does (REFERENCE.md, "How
// the protocol evolved"; its services in PROCOLLAB-github/procollab): it loads chat lists and
// history over HTTP with `Authorization: Bearer` from its own origin (a dev server on another
// port), connects to /ws/chat/ with the ["Bearer", token] subprotocol or ?token=, and sends
// frames of protocol version 2. Everything it sends and receives is checked against version 2's
// documents, and kept, so a test can say that nothing was refused and every frame was valid.
import { WebSocket } from 'ws';
import type { ClientEvent, Problem, ServerEvent } from '../../protocol/v2/index.js';
import {
  HTTP_OPERATIONS,
  validateClientEvent,
  validateHttpResponse,
  validateServerEvent,
} from '../../protocol/v2/index.js';

/** The frontend's dev server: another origin on this machine. */
export const FRONTEND_ORIGIN = 'http://localhost:4200';

export interface HttpCall {
  path: string;
  status: number;
  operationId: string | null;
  /** The CORS grant the answer carried (the page reads the answer only when it is its origin). */
  allowOrigin: string | null;
  problems: Problem[];
  body: unknown;
}

/** The operation of the OpenAPI document a path is (trailing slash or not, as the frontend writes it). */
export function operationOf(path: string): string | null {
  const bare = path.split('?')[0]?.replace(/\/?$/, '/') ?? '';
  for (const operation of HTTP_OPERATIONS) {
    const pattern = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(bare)) return operation.operationId;
  }
  return null;
}

type Of<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

export class LaterFrontend {
  readonly sent: { frame: ClientEvent; problems: Problem[] }[] = [];
  readonly received: { frame: unknown; problems: Problem[] }[] = [];
  readonly calls: HttpCall[] = [];
  private readonly queue: ServerEvent[] = [];
  private waiters: (() => void)[] = [];
  private ws: WebSocket | null = null;

  constructor(
    readonly baseUrl: string,
    readonly userId: number,
    private readonly token: string,
  ) {}

  /** GET over HTTP as the frontend's ApiService does: its Authorization header, from its origin. */
  async get(path: string): Promise<HttpCall> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${this.token}`, Origin: FRONTEND_ORIGIN, Accept: 'application/json' },
    });
    const body: unknown = await response.json();
    const operationId = operationOf(path);
    const problems =
      operationId === null
        ? [{ pointer: '', code: 'invalid_value' as const, message: `${path} is no operation of the OpenAPI document` }]
        : validateHttpResponse(operationId, response.status, body);
    const call = {
      path,
      status: response.status,
      operationId,
      allowOrigin: response.headers.get('access-control-allow-origin'),
      problems,
      body,
    };
    this.calls.push(call);
    return call;
  }

  /** The body of a GET that must answer 200. */
  async load<T>(path: string): Promise<T> {
    const call = await this.get(path);
    if (call.status !== 200) throw new Error(`GET ${path}: ${call.status} ${JSON.stringify(call.body)}`);
    return call.body as T;
  }

  /** Opens the socket as the frontend does: `new WebSocket(url, ["Bearer", token])`, or `?token=`. */
  connect(via: 'subprotocol' | 'query'): Promise<void> {
    const wsBase = this.baseUrl.replace(/^http/, 'ws');
    const ws =
      via === 'subprotocol'
        ? new WebSocket(`${wsBase}/ws/chat/`, ['Bearer', this.token], { origin: FRONTEND_ORIGIN })
        : new WebSocket(`${wsBase}/ws/chat/?token=${encodeURIComponent(this.token)}`, { origin: FRONTEND_ORIGIN });
    this.ws = ws;
    ws.on('message', (data) => {
      const frame: unknown = JSON.parse(data.toString());
      const check = validateServerEvent(frame);
      this.received.push({ frame, problems: check.ok ? [] : check.problems });
      this.queue.push(frame as ServerEvent);
      for (const wake of this.waiters.splice(0)) wake();
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    });
  }

  get protocol(): string {
    return this.ws?.protocol ?? '';
  }

  send(frame: ClientEvent): void {
    const check = validateClientEvent(frame);
    this.sent.push({ frame, problems: check.ok ? [] : check.problems });
    this.ws?.send(JSON.stringify(frame));
  }

  /** The next frame of that type the filter accepts (others stay queued), within `timeoutMs`. */
  async next<T extends ServerEvent['type']>(
    type: T,
    filter: (event: Of<T>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex((e) => e.type === type && filter(e as Of<T>));
      if (index >= 0) return this.queue.splice(index, 1)[0] as Of<T>;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `user ${this.userId}: no ${type} within ${timeoutMs} ms; queued: ${JSON.stringify(this.queue)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every `error` frame received: what the server refused. */
  get refusals(): unknown[] {
    return this.received.filter(({ frame }) => (frame as { type?: unknown }).type === 'error').map((r) => r.frame);
  }

  close(): void {
    this.ws?.close();
  }
}
