// A server of the test's own behind the proxy, on 127.0.0.1 port 0: it records every handshake it
// gets (path, query, headers) and every frame, answers the way the test says, and can refuse.
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

export interface UpstreamFrame {
  data: Buffer;
  isBinary: boolean;
}

export interface Upstream {
  /** ws://127.0.0.1:port/ws/chat/ */
  url: string;
  /** Every handshake that reached it, in order. */
  readonly requests: IncomingMessage[];
  /** Every accepted socket, in order, with the frames it received. */
  readonly sockets: { ws: WebSocket; frames: UpstreamFrame[]; closed: Promise<{ code: number; reason: string }> }[];
  close(): Promise<void>;
}

export interface UpstreamOptions {
  /** Answer an upgrade with this status and body instead of accepting it. */
  refuse?: (request: IncomingMessage) => { status: number; body: string; headers?: Record<string, string> } | null;
  /** Called with each frame received (answer with ws.send). */
  onFrame?: (ws: WebSocket, frame: UpstreamFrame) => void;
  /** Which offered subprotocol to accept (default: the first). */
  protocol?: (offered: Set<string>) => string | false;
}

const toBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const requests: IncomingMessage[] = [];
  const sockets: Upstream['sockets'] = [];
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (options.protocol ? options.protocol(offered) : ([...offered][0] ?? false)),
  });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    requests.push(request);
    const refusal = options.refuse?.(request);
    if (refusal) {
      const headers = Object.entries(refusal.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\nConnection: close\r\nContent-Type: text/plain\r\n${headers}` +
          `Content-Length: ${Buffer.byteLength(refusal.body)}\r\n\r\n${refusal.body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const frames: UpstreamFrame[] = [];
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      sockets.push({ ws, frames, closed });
      ws.on('message', (data, isBinary) => {
        const frame = { data: toBuffer(data), isBinary };
        frames.push(frame);
        options.onFrame?.(ws, frame);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/chat/`,
    requests,
    sockets,
    close: async () => {
      for (const { ws } of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw WebSocket to `url`, open; every frame it receives kept with whether it was binary. */
export async function openClient(
  url: string,
  protocols: string[] = [],
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; frames: UpstreamFrame[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
  const frames: UpstreamFrame[] = [];
  ws.on('message', (data, isBinary) => frames.push({ data: toBuffer(data), isBinary }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, frames, closed };
}
