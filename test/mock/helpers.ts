// Test helpers: a mock server on port 0, WebSocket clients that queue and validate every frame
// they receive, and barriers that prove a client received nothing more (no sleeps).
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { validateServerEvent } from '../../protocol/index.js';
import type { Problem, ServerEvent } from '../../protocol/index.js';
import { type MockServer, type MockServerOptions, startMockServer } from '../../mock-server/index.js';
import { VIA_PROXY, startProxiedTestServer } from '../proxy/proxied-server.js';

/**
 * A mock on port 0, logs silent, bots off. Under `npm run test:proxy` (CHATS_WS_TEST_VIA_PROXY=1)
 * the mock behind the validating proxy instead: sockets go through the proxy, the rest to the mock.
 */
export const startTestServer = (options: MockServerOptions = {}): Promise<MockServer> =>
  VIA_PROXY
    ? startProxiedTestServer(options)
    : startMockServer({ port: 0, host: '127.0.0.1', bots: false, log: 'silent', ...options });

export type AuthWay = 'header' | 'query' | 'subprotocol';

export function tokenOf(server: MockServer, userId: number): string {
  const user = server.users.find((u) => u.id === userId);
  if (!user) throw new Error(`no fixture user ${userId}`);
  return user.token;
}

let barrierCount = 0;

export class TestClient {
  /** Frames received and not taken yet, oldest first. */
  readonly queue: ServerEvent[] = [];
  /** Every frame that failed validateServerEvent (must stay empty). */
  readonly invalid: { frame: unknown; problems: Problem[] }[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(
    readonly ws: WebSocket,
    readonly userId: number,
  ) {
    ws.on('message', (data, isBinary) => {
      const frame: unknown = JSON.parse(isBinary ? '"binary"' : data.toString());
      const check = validateServerEvent(frame);
      if (!check.ok) this.invalid.push({ frame, problems: check.problems });
      this.queue.push(frame as ServerEvent);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first queued frame matching `predicate` (waiting for it), taken off the queue. */
  async next(predicate: (frame: ServerEvent) => boolean = () => true, timeoutMs = 3000): Promise<ServerEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex(predicate);
      if (index >= 0) return this.queue.splice(index, 1)[0] as ServerEvent;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `user ${this.userId}: no matching frame within ${timeoutMs} ms; queue: ${JSON.stringify(this.queue)}`,
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

  /**
   * Sends a frame the server answers with an error to this connection only, waits for that
   * answer, and returns (and takes) every frame received before it.
   */
  async barrier(): Promise<ServerEvent[]> {
    const marker = `__barrier_${++barrierCount}`;
    this.send({ type: marker, content: {} });
    await this.next((f) => f.type === 'error' && f.content.event_type === marker);
    return this.queue.splice(0);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    await this.closed;
  }
}

export interface ConnectOptions {
  way?: AuthWay;
  path?: string;
  /** More handshake headers (an Origin, say). */
  headers?: Record<string, string>;
}

export function wsUrlOf(server: MockServer, path = '/ws/chats/'): string {
  return `ws://127.0.0.1:${server.port}${path}`;
}

export async function connect(server: MockServer, userId: number, options: ConnectOptions = {}): Promise<TestClient> {
  const token = tokenOf(server, userId);
  const way = options.way ?? 'header';
  const base = wsUrlOf(server, options.path);
  const extra = options.headers ?? {};
  const ws =
    way === 'query'
      ? new WebSocket(`${base}?token=${encodeURIComponent(token)}`, { headers: extra })
      : way === 'subprotocol'
        ? new WebSocket(base, ['Bearer', token], { headers: extra })
        : new WebSocket(base, { headers: { ...extra, Authorization: `Bearer ${token}` } });
  const client = new TestClient(ws, userId);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return client;
}

/** The HTTP status a handshake is refused with. */
export function refusedStatus(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], options.headers ? { headers: options.headers } : {});
    ws.once('open', () => {
      ws.close();
      reject(new Error('the handshake was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => undefined);
  });
}

/** Barriers each client in order (the one that acted first) and returns what each received. */
export async function settle<T extends TestClient[]>(...clients: T): Promise<{ [K in keyof T]: ServerEvent[] }> {
  const out: ServerEvent[][] = [];
  for (const client of clients) out.push(await client.barrier());
  return out as { [K in keyof T]: ServerEvent[] };
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Opens clients in turn and drops the presence frames their arrival caused. */
export class Clients {
  readonly all: TestClient[] = [];
  constructor(private readonly server: MockServer) {}

  async open(userId: number, options: ConnectOptions = {}): Promise<TestClient> {
    const client = await connect(this.server, userId, options);
    this.all.push(client);
    return client;
  }

  /** Empties every queue (through barriers, so nothing in flight is left behind). */
  async drain(): Promise<void> {
    await settle(...this.all);
  }

  /** Closes every client, waits until the server saw them go, and checks every frame was valid. */
  async closeAll(): Promise<void> {
    await Promise.all(this.all.map((c) => c.close()));
    for (const client of this.all) expect(client.invalid).toEqual([]);
    this.all.length = 0;
    await until(() => this.server.stats().connections === 0);
  }
}

export const isoWithin = (value: string, fromMs: number, toMs: number): boolean => {
  const t = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && t >= fromMs && t <= toMs;
};

/**
 * One mock for the whole file, reset to the fixtures before each test with fresh clients, every
 * client closed after it, and no invalid outgoing frame by the end. `use` receives both.
 */
export function useResetServer(use: (server: MockServer, clients: Clients) => void): void {
  let server: MockServer;
  let clients: Clients;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    expect(server.stats().outgoingViolations).toBe(0);
    await server.close();
  });
  beforeEach(async () => {
    await server.reset();
    clients = new Clients(server);
    use(server, clients);
  });
  afterEach(async () => {
    await clients.closeAll();
  });
}
