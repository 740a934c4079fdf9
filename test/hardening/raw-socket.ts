// WebSocket clients at the TCP level, for what `ws` will not do: stop mid-handshake, stop
// mid-frame, never read, never answer a ping.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** A client frame (masked, as RFC 6455 requires of clients). */
export function encodeFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length])
      : length < 65536
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, length >> 8, length & 0xff])
        : (() => {
            const h = Buffer.alloc(10);
            h[0] = (fin ? 0x80 : 0) | opcode;
            h[1] = 0x80 | 127;
            h.writeBigUInt64BE(BigInt(length), 2);
            return h;
          })();
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

export const textFrame = (text: string): Buffer => encodeFrame(0x1, Buffer.from(text, 'utf8'));

export function upgradeRequest(port: number, token: string, path = '/ws/chats/'): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
    `Authorization: Bearer ${token}\r\n\r\n`
  );
}

function connectTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A socket whose handshake is done (101 read), and whatever arrived after the response head. */
export async function rawConnect(port: number, token: string): Promise<{ socket: net.Socket; rest: Buffer }> {
  const socket = await connectTcp(port);
  socket.write(upgradeRequest(port, token));
  const rest = await new Promise<Buffer>((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      got = Buffer.concat([got, chunk]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const head = got.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
      else resolve(got.subarray(end + 4));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  return { socket, rest };
}

/** Opens a TCP connection, writes part of an upgrade request, and vanishes. */
export async function vanishMidHandshake(port: number, token: string, cut: number): Promise<void> {
  const socket = await connectTcp(port);
  socket.on('error', () => undefined);
  const request = upgradeRequest(port, token);
  socket.write(request.slice(0, Math.max(1, Math.min(cut, request.length - 1))));
  await new Promise((resolve) => setImmediate(resolve));
  socket.destroy();
}

/** Completes a handshake, writes part of a text frame, and vanishes. */
export async function vanishMidFrame(port: number, token: string, text: string, cut: number): Promise<void> {
  const { socket } = await rawConnect(port, token);
  const frame = textFrame(text);
  socket.write(frame.subarray(0, Math.max(1, Math.min(cut, frame.length - 1))));
  await new Promise((resolve) => setImmediate(resolve));
  socket.destroy();
}

/** Completes a handshake and then never reads again (nor answers pings). */
export async function neverReads(port: number, token: string): Promise<net.Socket> {
  const { socket } = await rawConnect(port, token);
  socket.pause();
  return socket;
}
