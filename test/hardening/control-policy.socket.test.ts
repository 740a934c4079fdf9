// The control API, the live stream and the upgrade as a hostile web page or a DNS-rebinding
// attacker meets them: Host checked, CORS only for the mock's own and loopback origins (and
// --allowed-origin), 403 for other pages, JSON bodies only as application/json, and a control
// token when the mock listens beyond loopback.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { MockServer } from '../../mock-server/index.js';
import { type Clients, refusedStatus, tokenOf, wsUrlOf } from '../mock/helpers.js';
import { usePerTestServer, worldOf } from './helpers.js';

let clients: Clients;
const { start } = usePerTestServer((_server, c) => (clients = c));

const FOREIGN = 'https://evil.example';
const SET_ONLINE = JSON.stringify({ type: 'set_online', content: {} });

/** A request with a Host header of its own (fetch will not send one). */
function withHost(server: MockServer, path: string, host: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // kept as text
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
  });
}

async function call(
  server: MockServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, json, headers: res.headers };
}

describe('a page of another origin', () => {
  it.each([
    ['GET', '/__mock/users', undefined],
    ['GET', '/__mock/state', undefined],
    ['GET', '/__mock/traffic', undefined],
    ['GET', '/__mock/live', undefined],
    ['GET', '/', undefined],
    ['POST', '/__mock/reset', undefined],
    ['POST', '/__mock/act-as/12', SET_ONLINE],
    ['POST', '/__mock/emit', JSON.stringify({ to: 'all', event: { type: 'set_online', content: { user_id: 12 } } })],
  ])('gets 403 and no CORS grant for %s %s', async (method, path, body) => {
    const server = await start();
    const before = worldOf(server);
    const headers: Record<string, string> = { Origin: FOREIGN, 'Content-Type': 'application/json' };
    const res = await call(server, method, path, headers, body);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      ok: false,
      error: `Forbidden: origin ${FOREIGN} is not allowed (allow it with --allowed-origin ${FOREIGN})`,
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(worldOf(server)).toEqual(before);
    expect(server.stats().http.refused[403]).toBe(1);
    expect(server.traffic.total).toBe(0);
  });

  it('gets 403 on a preflight, and no grant', async () => {
    const server = await start();
    const res = await call(server, 'OPTIONS', '/__mock/act-as/12', {
      Origin: FOREIGN,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot open a WebSocket, though fixture tokens are the same for everyone', async () => {
    const server = await start();
    const refused = await refusedStatus(wsUrlOf(server), {
      headers: { Origin: FOREIGN, Authorization: `Bearer ${tokenOf(server, 12)}` },
    });
    expect(refused.status).toBe(403);
  });

  it('reads the public routes without a CORS grant, and cannot POST to them', async () => {
    const server = await start();
    const health = await call(server, 'GET', '/healthz', { Origin: FOREIGN });
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(server, 'POST', '/healthz', { Origin: FOREIGN })).status).toBe(403);
  });

  it('is refused without an Origin too when the browser says the request is cross-site (an image, a script)', async () => {
    const server = await start();
    const res = await call(server, 'GET', '/__mock/users', { 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
  });
});

describe('pages that may', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'https://localhost'])(
    'a loopback dev server (%s) gets the CORS grant and a preflight',
    async (origin) => {
      const server = await start();
      const res = await call(server, 'GET', '/__mock/users', { Origin: origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toMatch(/Origin/);
      const preflight = await call(server, 'OPTIONS', '/__mock/act-as/12', {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Content-Type');
    },
  );

  it('the mock itself (the inspector) may act', async () => {
    const server = await start();
    const res = await call(
      server,
      'POST',
      '/__mock/act-as/12',
      { Origin: server.url, 'Content-Type': 'application/json' },
      SET_ONLINE,
    );
    expect(res.status).toBe(200);
  });

  it('--allowed-origin covers the control API as well as upgrades', async () => {
    const server = await start({ allowedOrigins: ['https://app.example.com'] });
    const res = await call(
      server,
      'POST',
      '/__mock/act-as/12',
      { Origin: 'https://app.example.com', 'Content-Type': 'application/json' },
      SET_ONLINE,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await clients.open(12, { headers: { Origin: 'https://app.example.com' } });
  });
});

describe('bodies', () => {
  it.each([
    ['text/plain', SET_ONLINE],
    ['application/x-www-form-urlencoded', 'type=set_online'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
  ])('a %s body gets 415 and is not read', async (type, body) => {
    const server = await start();
    const res = await call(server, 'POST', '/__mock/act-as/12', { 'Content-Type': type }, body);
    expect(res.status).toBe(415);
    expect(res.json).toEqual({
      ok: false,
      error: `Unsupported Media Type: send the body as JSON with Content-Type: application/json (got ${JSON.stringify(type)})`,
    });
    expect(server.traffic.total).toBe(0);
  });

  it('a body without a type gets 415 too; an empty one is fine where the endpoint takes none', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/__mock/act-as/12`, {
      method: 'POST',
      body: new Blob([SET_ONLINE]),
    });
    expect(res.status).toBe(415);
    expect((await call(server, 'POST', '/__mock/reset')).status).toBe(200);
  });

  it('application/json and +json types are read', async () => {
    const server = await start();
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json']) {
      expect((await call(server, 'POST', '/__mock/act-as/12', { 'Content-Type': type }, SET_ONLINE)).status).toBe(200);
    }
  });
});

describe('a Host that does not name the mock (DNS rebinding)', () => {
  it.each(['/__mock/users', '/healthz', '/asyncapi.json', '/'])('gets 403 on %s', async (path) => {
    const server = await start();
    const res = await withHost(server, path, `rebind.attacker.example:${server.port}`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      ok: false,
      error: `Forbidden: Host "rebind.attacker.example:${server.port}" is not a name of this mock (allow it with --allowed-host rebind.attacker.example)`,
    });
  });

  it('gets 403 on the upgrade', async () => {
    const server = await start();
    const refused = await refusedStatus(wsUrlOf(server), {
      headers: { Host: 'rebind.attacker.example', Authorization: `Bearer ${tokenOf(server, 12)}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('is not a name of this mock');
  });

  it('passes with --allowed-host, and localhost names always do', async () => {
    const server = await start({ allowedHosts: ['dev.example.test'] });
    for (const host of ['dev.example.test', 'localhost', 'app.localhost', `127.0.0.1:${server.port}`])
      expect((await withHost(server, '/__mock/users', host)).status).toBe(200);
    expect((await withHost(server, '/__mock/users', 'other.example.test')).status).toBe(403);
  });
});

describe('bound beyond loopback', () => {
  it('wants the control token on the control API, the live stream and the inspector; the rest stays open', async () => {
    const server = await start({ host: '0.0.0.0' });
    expect(server.exposed).toBe(true);
    const token = server.controlToken ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    for (const path of ['/__mock/users', '/__mock/state', '/__mock/live', '/']) {
      const res = await call(server, 'GET', path);
      expect(res.status).toBe(401);
    }
    expect((await call(server, 'GET', '/__mock/users', { 'x-control-token': 'wrong-token' })).status).toBe(401);
    expect((await call(server, 'GET', '/__mock/users', { 'x-control-token': token })).status).toBe(200);
    expect((await call(server, 'GET', '/healthz')).status).toBe(200);
    expect((await call(server, 'GET', '/asyncapi.json')).status).toBe(200);
    expect(server.stats().http.refused[401]).toBe(5);
    // The product itself needs no control token: a user's token opens a socket.
    await clients.open(12);
  });

  it('sets a cookie from the printed inspector URL, which the page and its EventSource then send', async () => {
    const server = await start({ host: '0.0.0.0', controlToken: 'a-token-of-my-own' });
    expect(server.inspectorUrl).toBe(`${server.url}/?control_token=a-token-of-my-own`);
    const res = await fetch(server.inspectorUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^chats_ws_control=a-token-of-my-own; Path=\/; HttpOnly; SameSite=Strict$/);
    const withCookie = await call(server, 'GET', '/__mock/users', { Cookie: cookie.split(';')[0] ?? '' });
    expect(withCookie.status).toBe(200);
  });

  it('refuses a control token that is too short to be one', async () => {
    await expect(start({ controlToken: 'short' })).rejects.toThrow('controlToken must be 8 to 200 printable ASCII');
  });

  it('wants a token given on loopback too, and none otherwise', async () => {
    const given = await start({ controlToken: 'loopback-token' });
    expect(given.exposed).toBe(false);
    expect((await call(given, 'GET', '/__mock/users')).status).toBe(401);
  });
});

describe('the WebSocket of a page that may', () => {
  it('opens from the mock itself and from a loopback dev server', async () => {
    const server = await start();
    for (const origin of [server.url, 'http://localhost:5173']) {
      const ws = new WebSocket(wsUrlOf(server), ['Bearer', tokenOf(server, 12)], { headers: { Origin: origin } });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.close();
    }
  });
});
