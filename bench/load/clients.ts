// Opening the load generator's WebSocket connections.
import WebSocket from 'ws';
import type { BenchUser } from '../types.js';

/** What every connection does with a frame: set per phase by the driver that owns it. */
export type FrameHandler = (connection: number, data: Buffer) => void;

export interface Clients {
  sockets: WebSocket[];
  /** The handler all connections call; replace it to change what a phase does with frames. */
  onFrame: FrameHandler;
  /** performance.now() of the last frame any connection received. */
  lastFrameAt: number;
}

/** A new client connection for `user`, authenticated with `Authorization: Bearer`. */
export function connect(wsUrl: string, user: BenchUser): WebSocket {
  const ws = new WebSocket(wsUrl, {
    headers: { Authorization: `Bearer ${user.token}` },
    perMessageDeflate: false,
    skipUTF8Validation: true,
  });
  // A dropped connection shows as a phase that never completes, reported with its counts.
  ws.on('error', () => {});
  return ws;
}

/** Resolves when the connection is open; rejects with the server's answer when it is refused. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`connection refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('close', (code, reason) =>
      reject(new Error(`connection closed before it opened: ${code} ${reason.toString()}`)),
    );
  });
}

/**
 * Opens one connection per user, at most `concurrency` at a time, every frame going to
 * `clients.onFrame`.
 */
export async function openAll(wsUrl: string, users: readonly BenchUser[], concurrency = 16): Promise<Clients> {
  const clients: Clients = { sockets: [], onFrame: () => {}, lastFrameAt: performance.now() };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < users.length) {
      const index = next++;
      const ws = connect(wsUrl, users[index] as BenchUser);
      clients.sockets[index] = ws;
      ws.on('message', (data: Buffer) => {
        clients.lastFrameAt = performance.now();
        clients.onFrame(index, data);
      });
      await opened(ws);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
  return clients;
}

/** Resolves once no connection has received a frame for `quietMs` (or after `maxMs`). */
export async function settle(clients: Clients, quietMs = 150, maxMs = 30_000): Promise<void> {
  const start = performance.now();
  while (performance.now() - start < maxMs) {
    const idle = performance.now() - clients.lastFrameAt;
    if (idle >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, quietMs - idle + 1));
  }
}

/** Drops every connection at once (no closing handshake: the server is going away too). */
export function terminateAll(sockets: readonly WebSocket[]): void {
  for (const ws of sockets) ws.terminate();
}
