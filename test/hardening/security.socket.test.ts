// A user acts only as itself (the token decides, never a field of the frame), reaches only its own
// chats, and no log line — refusals and limits included — ever holds a whole token.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LogMode, MockServer } from '../../mock-server/index.js';
import { DEFAULT_DEV_SECRET, FAR_FUTURE_EXP, signJwt } from '../../mock-server/gateway/jwt.js';
import { Clients, TestClient, refusedStatus, settle, tokenOf, until, wsUrlOf } from '../mock/helpers.js';
import { usePerTestServer, worldOf } from './helpers.js';
import { neverReads } from './raw-socket.js';

let server: MockServer | undefined;
let clients: Clients;

const { start, captureOutput } = usePerTestServer((s, c) => {
  server = s;
  clients = c;
});

async function openWith(s: MockServer, token: string, userId: number): Promise<TestClient> {
  const ws = new WebSocket(wsUrlOf(s), ['Bearer', token]);
  const client = new TestClient(ws, userId);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  clients.all.push(client);
  return client;
}

describe('a user acts as itself', () => {
  it.each([
    ['user_id in the content', { user_id: 23 }, '/content/user_id'],
    ['author_id in the content', { author_id: 23 }, '/content/author_id'],
    ['an author object in the content', { author: { id: 23 } }, '/content/author'],
  ])('a frame naming another author (%s) is refused: unknown_field', async (_name, extra, pointer) => {
    const s = await start();
    const anna = await clients.open(12);
    const before = worldOf(s);
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null, ...extra },
    });
    expect(await anna.next()).toMatchObject({
      type: 'error',
      content: { code: 'invalid_event', problems: [{ pointer, code: 'unknown_field' }] },
    });
    expect(worldOf(s)).toEqual(before);
  });

  it('every event is attributed to the token’s user', async () => {
    const s = await start();
    const anna = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'mine', reply_to: null },
    });
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
    anna.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } });
    anna.send({ type: 'set_offline', content: {} });
    const [, received] = await settle(anna, james);
    expect(received).toMatchObject([
      { type: 'new_message', content: { message: { text: 'mine', author: { id: 12 } } } },
      { type: 'user_typing', content: { user_id: 12 } },
      { type: 'message_read', content: { user_id: 12, message_id: 54 } },
      { type: 'set_offline', content: { user_id: 12 } },
    ]);
    expect(worldOf(s).messages.at(-1)).toMatchObject({ text: 'mine', author_id: 12 });
    expect(worldOf(s).online).toContain(23);
  });

  it('a JWT for user 23 acts as 23, whatever the frame says', async () => {
    const s = await start();
    const token = signJwt({ token_type: 'access', user_id: 23, exp: FAR_FUTURE_EXP }, DEFAULT_DEV_SECRET);
    const asJames = await openWith(s, token, 23);
    asJames.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'via jwt', reply_to: null },
    });
    expect(await asJames.next((f) => f.type === 'new_message')).toMatchObject({
      content: { message: { author: { id: 23 }, text: 'via jwt' } },
    });
  });
});

describe('a user reaches only its own chats', () => {
  it('refusals in chats of others reach nobody: the members of those chats get nothing', async () => {
    const s = await start();
    const anna = await clients.open(12);
    const others = [await clients.open(23), await clients.open(31), await clients.open(3), await clients.open(9)];
    await clients.drain();
    const before = worldOf(s);
    const frames = [
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '23_31', message: 'psst', reply_to: null } },
      { type: 'user_typing', content: { chat_type: 'direct', chat_id: '23_31' } },
      { type: 'message_read', content: { chat_type: 'direct', chat_id: '23_31', message_id: 3 } },
      { type: 'delete_message', content: { chat_type: 'direct', chat_id: '23_31', message_id: 3 } },
      { type: 'new_message', content: { chat_type: 'project', chat_id: 42, message: 'psst', reply_to: null } },
      { type: 'user_typing', content: { chat_type: 'project', chat_id: 42 } },
      { type: 'message_read', content: { chat_type: 'project', chat_id: 42, message_id: 16 } },
      { type: 'delete_message', content: { chat_type: 'project', chat_id: 42, message_id: 16 } },
    ];
    for (const frame of frames) anna.send(frame);
    const [answers, ...received] = await settle(anna, ...others);
    expect(answers.map((f) => (f.type === 'error' ? f.content.code : f.type))).toEqual(
      frames.map(() => 'not_chat_member'),
    );
    expect(received).toEqual(others.map(() => []));
    expect(worldOf(s)).toEqual(before);
  });
});

describe('tokens in the log', () => {
  it.each(['pretty', 'json'] as LogMode[])('are never written whole (%s), whatever happens', async (mode) => {
    const s = await start({
      log: mode,
      maxConnectionsPerUser: 1,
      maxConnections: 4,
      maxPayload: 4096,
      maxBufferedBytes: 64 * 1024,
      heartbeatMs: 200,
      allowedOrigins: ['http://localhost:5173'],
    });
    const log = captureOutput();
    const tokens = s.users.map((u) => u.token);
    const anna = await clients.open(12, { way: 'query' });
    const james = await clients.open(23, { way: 'subprotocol' });
    await clients.open(27);
    const wrong = 'Zm9yZ2VkLXRva2VuLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ';
    expect((await refusedStatus(`${wsUrlOf(s)}?token=${wrong}`)).status).toBe(403);
    expect((await refusedStatus(wsUrlOf(s), { protocols: ['Bearer', tokenOf(s, 12)] })).status).toBe(429);
    const origin = { Authorization: `Bearer ${tokenOf(s, 3)}`, Origin: 'http://evil.example' };
    expect((await refusedStatus(wsUrlOf(s), { headers: origin })).status).toBe(403);
    const dead = await neverReads(s.port, tokenOf(s, 31)); // never reads: dropped as slow, or by the heartbeat
    expect((await refusedStatus(wsUrlOf(s), { headers: { Authorization: `Bearer ${tokenOf(s, 9)}` } })).status).toBe(
      503,
    );
    for (let i = 0; i < 200 && s.stats().connections === 4; i++) {
      s.emit(31, { type: 'set_online', content: { user_id: 31 } });
      anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await until(() => s.stats().connections === 3, 5000);
    james.send('j'.repeat(5000)); // 1009
    await james.closed;
    anna.ws.send(Buffer.from([0xc3, 0x28]), { binary: false }); // 1007
    await anna.closed;
    dead.destroy();
    await clients.closeAll();
    const text = log.text();
    for (const token of [...tokens, wrong]) expect(text).not.toContain(token);
    for (const token of [tokenOf(s, 12), tokenOf(s, 23), wrong]) expect(text).toContain(token.slice(0, 6));
    expect(text).toMatch(/1009/);
    expect(text).toMatch(/1007/);
    expect(text).toMatch(/429/);
    expect(text).toMatch(/evil\.example/);
  });
});
