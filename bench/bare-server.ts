// The baseline: a bare `ws` server that does the least a chat server can do. It reads the user id
// from the token without checking it, JSON-parses every text frame, and forwards the received
// bytes unchanged to the connections the mock would deliver to. No validation, no storage, no
// server-built event, no JSON.stringify.
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface BareServer {
  wsUrl: string;
  close(): Promise<void>;
}

const PATH = '/ws/chats/';

/** The `user_id` of a JWT's payload, unverified; 0 when there is none. */
function userIdOf(request: IncomingMessage): number {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ')
    ? header.slice(7)
    : new URL(request.url ?? '', 'http://x').searchParams.get('token');
  const payload = token?.split('.')[1];
  if (!payload) return 0;
  try {
    const id = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { user_id?: unknown }).user_id;
    return typeof id === 'number' ? id : 0;
  } catch {
    return 0;
  }
}

export async function startBareServer(options: { port?: number; host?: string } = {}): Promise<BareServer> {
  const host = options.host ?? '127.0.0.1';
  const wss = new WebSocketServer({ host, port: options.port ?? 0, path: PATH, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const byUser = new Map<number, Set<WebSocket>>();

  const sendTo = (userId: number, data: Buffer): void => {
    for (const ws of byUser.get(userId) ?? []) ws.send(data, { binary: false });
  };
  const broadcast = (data: Buffer, except?: WebSocket): void => {
    for (const ws of wss.clients) if (ws !== except) ws.send(data, { binary: false });
  };

  wss.on('connection', (ws, request) => {
    const userId = userIdOf(request);
    let sockets = byUser.get(userId);
    const first = !sockets;
    if (!sockets) byUser.set(userId, (sockets = new Set()));
    sockets.add(ws);
    // Presence, as the mock does it: a user's first connection tells everyone else.
    if (first) broadcast(Buffer.from(`{"type":"set_online","content":{"user_id":${userId}}}`), ws);

    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      let frame: { type?: unknown; content?: { chat_type?: unknown; chat_id?: unknown } };
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      const content = frame.content;
      if (content?.chat_type === 'direct' && typeof content.chat_id === 'string') {
        // Direct chat "a_b": new_message goes to both participants, anything else to the other one.
        const [a, b] = content.chat_id.split('_').map(Number);
        if (a === undefined || b === undefined) return;
        if (frame.type === 'new_message') {
          sendTo(a, data);
          sendTo(b, data);
        } else {
          sendTo(a === userId ? b : a, data);
        }
      } else if (content?.chat_type === 'project') {
        // The bench connects only the project's members: a project chat is everyone connected.
        broadcast(data);
      } else {
        ws.send(data, { binary: false });
      }
    });

    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size > 0) return;
      byUser.delete(userId);
      broadcast(Buffer.from(`{"type":"set_offline","content":{"user_id":${userId}}}`));
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    wsUrl: `ws://${host}:${port}${PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
