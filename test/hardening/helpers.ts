// Shared by the hardening and stress tests: the world as state() shows it (without the connection
// bookkeeping), "the connection still works" checks, log capture, and heap measurements.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import type { MockServer, MockServerOptions } from '../../mock-server/index.js';
import { Clients, type TestClient, startTestServer } from '../mock/helpers.js';

/** The chat world of a server: users, projects, messages, chats, who is online. No connections, no counters. */
export function worldOf(server: MockServer) {
  const { users, projects, messages, chats, online } = server.state();
  return { users, projects, messages, chats, online };
}

/** A frame the fixture world always accepts from user 12 and echoes to every member of project 7. */
export const TYPING_IN_7 = { type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } } as const;

/**
 * Proves a connection still works: user 12's project typing reaches it, and `observers` (other
 * members of project 7) receive that and nothing else.
 */
export async function expectUsable(client: TestClient, observers: readonly TestClient[] = []): Promise<void> {
  client.send(TYPING_IN_7);
  for (const c of [client, ...observers]) {
    const frame = await c.next();
    expect(frame).toMatchObject({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7, user_id: 12 } });
    expect(c.queue).toEqual([]);
  }
}

/** Everything written to stdout and stderr from now on (the log), until `restore`. */
export function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const grab = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab);
  return {
    text: () => chunks.join(''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

let gcFn: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** A full garbage collection (with --expose-gc, or the flag turned on at run time). */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

/** Heap in use after full collections, once finalizers and pending closes had their turn. */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
  }
  return process.memoryUsage().heapUsed;
}

/** Samples RSS and heap every `everyMs` until stopped; keeps the peaks. */
export class PeakMemory {
  rss = 0;
  heap = 0;
  /** Buffers (socket write queues among them), outside the heap. */
  buffers = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): void {
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
    this.rss = Math.max(this.rss, rss);
    this.heap = Math.max(this.heap, heapUsed);
    this.buffers = Math.max(this.buffers, arrayBuffers);
  }

  stop(): { rssMiB: number; heapMiB: number; buffersMiB: number } {
    this.sample();
    clearInterval(this.timer);
    return { rssMiB: mib(this.rss), heapMiB: mib(this.heap), buffersMiB: mib(this.buffers) };
  }
}

export const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** One line a reader can quote: `[figures] <what>: key=value …`. */
export function figures(what: string, values: Record<string, string | number>): void {
  const text = Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`[figures] ${what}: ${text}`);
}

type OutputCapture = ReturnType<typeof captureOutput>;

/**
 * A mock that each test starts itself, with its own options, and everything undone after the
 * test: captured output restored, clients closed, no invalid frame or internal error, server
 * closed. `use` receives the server and its clients when a test starts one.
 */
export function usePerTestServer(use: (server: MockServer, clients: Clients) => void) {
  let server: MockServer | undefined;
  let clients: Clients | undefined;
  let log: OutputCapture | undefined;
  afterEach(async () => {
    try {
      if (!server) return;
      await clients?.closeAll();
      expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
      await server.close();
      server = undefined;
    } finally {
      // After the close: the lines it logs (disconnects) stay out of the test runner's output.
      log?.restore();
      log = undefined;
    }
  });
  return {
    async start(options: MockServerOptions = {}): Promise<MockServer> {
      server = await startTestServer(options);
      clients = new Clients(server);
      use(server, clients);
      return server;
    },
    /** Captures stdout and stderr until the end of the test. */
    captureOutput(): OutputCapture {
      log = captureOutput();
      return log;
    },
  };
}

/**
 * One mock for the whole file with users 12 (Anna) and 23 (James) connected, and at the end no
 * invalid frame or internal error. `use` receives the server, its clients, Anna and James.
 */
export function useAnnaAndJames(
  use: (server: MockServer, clients: Clients, anna: TestClient, james: TestClient) => void,
) {
  let server: MockServer;
  let clients: Clients;
  beforeAll(async () => {
    server = await startTestServer();
    clients = new Clients(server);
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    use(server, clients, anna, james);
  });
  afterAll(async () => {
    await clients.closeAll();
    expect(server.stats()).toMatchObject({ outgoingViolations: 0, internalErrors: 0 });
    await server.close();
  });
}
