// The handshake: three ways to present a token, both paths, and the HTTP refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import type { MockServer } from '../../mock-server/index.js';
import { connect, refusedStatus, settle, startTestServer, tokenOf, wsUrlOf } from './helpers.js';

let server: MockServer;
let strict: MockServer;

beforeAll(async () => {
  server = await startTestServer();
  strict = await startTestServer({ jwtSecret: 's3cret' });
});
afterAll(async () => {
  expect(server.stats().outgoingViolations).toBe(0);
  await Promise.all([server.close(), strict.close()]);
});

/** Opens, proves the connection acts as `userId` (typing in a chat only that user may use), closes. */
async function actsAs(client: Awaited<ReturnType<typeof connect>>, userId: number): Promise<void> {
  client.send({
    type: 'user_typing',
    content: { chat_type: 'direct', chat_id: userId === 12 ? '12_999' : `${userId}_999` },
  });
  const [frames] = await settle(client);
  expect(frames).toMatchObject([
    { type: 'error', content: { code: 'user_not_found', message: 'User 999 does not exist' } },
  ]);
  await client.close();
}

describe('authentication', () => {
  it.each(['header', 'query', 'subprotocol'] as const)('accepts the token by %s', async (way) => {
    const client = await connect(server, 12, { way });
    expect(client.ws.protocol).toBe(way === 'subprotocol' ? 'Bearer' : '');
    await actsAs(client, 12);
  });

  it.each(['/ws/chats/', '/ws/chat/', '/ws/chats', '/ws/chat'])('serves the path %s', async (path) => {
    const client = await connect(server, 23, { path });
    await actsAs(client, 23);
  });

  it('accepts a JWT with the numeric user_id of a known user (signature unchecked without a secret)', async () => {
    const token = signJwt({ user_id: 27, token_type: 'access' }, 'some other secret');
    const ws = new WebSocket(`${wsUrlOf(server)}?token=${token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', () => reject(new Error('refused')));
    });
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it.each([
    ['no token', {}, 'no token'],
    ['an unknown token', { headers: { Authorization: 'Bearer nope' } }, 'unknown token'],
    [
      'a JWT of an unknown user',
      { headers: { Authorization: `Bearer ${signJwt({ user_id: 999 }, 'x')}` } },
      'user 999 does not exist',
    ],
    [
      'a JWT without user_id',
      { headers: { Authorization: `Bearer ${signJwt({ sub: '12' }, 'x')}` } },
      'no numeric user_id',
    ],
    [
      'a JWT whose user_id is a string',
      { headers: { Authorization: `Bearer ${signJwt({ user_id: '12' }, 'x')}` } },
      'no numeric user_id',
    ],
    ['a subprotocol Bearer without a token', { protocols: ['Bearer'] }, 'no token'],
  ])('refuses %s with HTTP 403', async (_name, options, reason) => {
    const refused = await refusedStatus(wsUrlOf(server), options);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain(reason);
  });

  it('refuses another path with HTTP 404, even with a good token', async () => {
    const refused = await refusedStatus(`ws://127.0.0.1:${server.port}/ws/other/`, {
      headers: { Authorization: `Bearer ${tokenOf(server, 12)}` },
    });
    expect(refused.status).toBe(404);
  });
});

describe('with a JWT secret', () => {
  it('accepts the fixture tokens (signed with the secret) and a JWT signed with it', async () => {
    const client = await connect(strict, 12, { way: 'subprotocol' });
    await actsAs(client, 12);
    const token = signJwt({ user_id: 23, exp: Math.floor(Date.now() / 1000) + 60 }, 's3cret');
    const ws = new WebSocket(wsUrlOf(strict), { headers: { Authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', () => reject(new Error('refused')));
    });
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it.each([
    ['a JWT signed with another secret', signJwt({ user_id: 12 }, 'other'), 'bad JWT signature'],
    ['an expired JWT', signJwt({ user_id: 12, exp: 1_000_000 }, 's3cret'), 'JWT expired'],
    ['the default-secret fixture token of another server', '', 'bad JWT signature'],
  ])('refuses %s with HTTP 403', async (_name, token, reason) => {
    const refused = await refusedStatus(wsUrlOf(strict), {
      headers: { Authorization: `Bearer ${token || tokenOf(server, 12)}` },
    });
    expect(refused).toEqual({ status: 403, body: `Forbidden: ${reason}\n` });
  });
});
