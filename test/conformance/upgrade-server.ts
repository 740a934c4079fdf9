// What the test backends share: an HTTP server on 127.0.0.1 (port 0) that hands WebSocket upgrades
// to the backend, refuses them with a raw HTTP status, and closes everything in teardown.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Upgrade {
  readonly req: http.IncomingMessage;
  /** The path and query of the upgrade request. */
  readonly url: URL;
  /** Refuses the upgrade with an HTTP status (and a body). */
  refuse(status: number, text: string, body?: string): void;
  /** Accepts it; `ws` is the open socket. */
  accept(onOpen: (ws: WebSocket) => void): void;
}

export interface UpgradeServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startUpgradeServer(
  onUpgrade: (upgrade: Upgrade) => void,
  handleProtocols?: (protocols: Set<string>) => string | false,
): Promise<UpgradeServer> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, ...(handleProtocols ? { handleProtocols } : {}) });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket: Socket, head) => {
    onUpgrade({
      req,
      url: new URL(req.url ?? '/', 'http://localhost'),
      refuse: (status, text, body = '') => {
        const length = Buffer.byteLength(body);
        socket.end(
          `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: ${length}\r\n\r\n${body}`,
        );
      },
      accept: (onOpen) => wss.handleUpgrade(req, socket, head, onOpen),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
