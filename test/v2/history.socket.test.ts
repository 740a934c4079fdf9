// GET /chats/…, the chat history over HTTP of protocol 2: authenticated as the socket is, refused
// as the backend refused (each refusal an answer of the OpenAPI document too), paginated as its
// limit/offset pagination did, allowed from loopback pages by the CORS policy and not part of the
// control API; under protocol 1 it says where it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import { validateHttpResponse } from '../../protocol/v2/index.js';
import { startTestServer, tokenOf } from '../mock/helpers.js';
import { operationOf } from './later-frontend.js';

let mock: MockServer;
let v1: MockServer;

beforeAll(async () => {
  [mock, v1] = await Promise.all([startTestServer({ protocol: 2 }), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([mock?.close(), v1?.close()]);
});

async function get(path: string, userId: number | null, headers: Record<string, string> = {}) {
  const auth: Record<string, string> = userId === null ? {} : { Authorization: `Bearer ${tokenOf(mock, userId)}` };
  const response = await fetch(`${mock.url}${path}`, { headers: { ...auth, ...headers } });
  const body: unknown = await response.json();
  const operation = operationOf(path);
  return {
    status: response.status,
    body,
    headers: response.headers,
    problems: operation ? validateHttpResponse(operation, response.status, body) : null,
  };
}

describe('GET /chats/… (protocol 2)', () => {
  it('wants Authorization: Bearer with a token the socket takes: 401 otherwise, as the backend answered', async () => {
    const none = await get('/chats/directs/', null);
    expect(none).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' },
      problems: [],
    });
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    const bad = await get('/chats/has-unreads/', null, { Authorization: 'Bearer not-a-token' });
    expect(bad).toMatchObject({
      status: 401,
      body: { detail: 'Given token not valid for any token type', code: 'token_not_valid' },
      problems: [],
    });
    // Any JWT with the user_id of a known user, as on the socket.
    const jwt = signJwt({ user_id: 31 }, 'anything');
    const ok = await get('/chats/projects/', null, { Authorization: `Bearer ${jwt}` });
    expect(ok.status).toBe(200);
    expect((ok.body as { id: number }[]).map((p) => p.id)).toEqual([42]);
  });

  it('refuses what is not the user’s: 403 a project of others, 404 what does not exist, 400 a malformed direct id', async () => {
    const cases: [string, number, number, string][] = [
      ['/chats/projects/7/', 31, 403, 'You do not have permission to perform this action.'],
      ['/chats/projects/7/messages/', 31, 403, 'You do not have permission to perform this action.'],
      ['/chats/projects/7/files/', 31, 403, 'You do not have permission to perform this action.'],
      ['/chats/projects/999/', 12, 404, 'Not found.'],
      ['/chats/projects/abc/messages/', 12, 404, 'Not found.'],
      ['/chats/directs/12_23/messages/', 31, 404, 'Not found.'],
      ['/chats/directs/12_31/files/', 12, 404, 'Not found.'],
      ['/chats/directs/12/', 12, 400, 'processed id must contain underscore'],
      ['/chats/directs/12_x/', 12, 400, 'processed id must contain two integers separated by underscore'],
      ['/chats/directs/23_31/', 12, 400, 'current user id is not present in raw id'],
      ['/chats/directs/12_999/', 12, 400, 'One or both users do not exist'],
      ['/chats/directs/12_31/', 12, 404, 'Direct chat does not exist'],
    ];
    for (const [path, user, status, detail] of cases) {
      const answer = await get(path, user);
      expect({ path, status: answer.status, body: answer.body, problems: answer.problems }).toEqual({
        path,
        status,
        body: { detail },
        problems: [],
      });
    }
    // The backend's DirectChat.get_chat() takes the two users in either order.
    expect((await get('/chats/directs/23_12/', 12)).body).toMatchObject({ id: '12_23', opponent: { id: 23 } });
  });

  it('pages as limit/offset pagination does: 20 by default, garbage taken as the default, links to the neighbours', async () => {
    const all = await get('/chats/projects/7/messages/', 23);
    const page = all.body as { count: number; next: string | null; previous: string | null; results: { id: number }[] };
    expect(all.problems).toEqual([]);
    expect(page.results.length).toBe(Math.min(20, page.count));
    const ids = page.results.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const garbage = await get('/chats/projects/7/messages/?limit=-3&offset=x', 23);
    expect(garbage.body).toEqual(page);
    const middle = (await get('/chats/projects/7/messages/?limit=2&offset=3', 23)).body as typeof page;
    expect(middle.results.map((m) => m.id)).toEqual(ids.slice(3, 5));
    expect(middle.previous).toBe(`${mock.url}/chats/projects/7/messages/?limit=2&offset=1`);
    expect(middle.next).toBe(page.count > 5 ? `${mock.url}/chats/projects/7/messages/?limit=2&offset=5` : null);
    const first = (await get('/chats/projects/7/messages/?limit=2', 23)).body as typeof page;
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`${mock.url}/chats/projects/7/messages/?limit=2&offset=2`);
    const beyond = (await get('/chats/projects/7/messages/?offset=1000', 23)).body as typeof page;
    expect(beyond).toMatchObject({ count: page.count, next: null, results: [] });
  });

  it('answers other methods 405 and paths outside the document 404, as JSON', async () => {
    const post = await fetch(`${mock.url}/chats/directs/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokenOf(mock, 12)}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect([post.status, await post.json()]).toEqual([405, { detail: 'Method "POST" not allowed.' }]);
    expect(await get('/chats/nothing/', 12)).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('lets a loopback page call it with Authorization (preflight and answer), and no other page', async () => {
    const preflight = await fetch(`${mock.url}/chats/directs/12_23/messages/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/\bAuthorization\b/);
    const answer = await get('/chats/directs/', 12, { Origin: 'http://localhost:5173' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const foreign = await fetch(`${mock.url}/chats/directs/`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(foreign.status).toBe(403);
    const read = await get('/chats/directs/', 12, { Origin: 'https://evil.example' });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is not the control API: with a control token set, it still wants only the user’s token', async () => {
    const exposed = await startTestServer({ protocol: 2, controlToken: 'control-token-1234' });
    try {
      const control = await fetch(`${exposed.url}/__mock/users`);
      expect(control.status).toBe(401); // the control API wants the control token
      const history = await fetch(`${exposed.url}/chats/has-unreads/`, {
        headers: { Authorization: `Bearer ${tokenOf(exposed, 12)}` },
      });
      expect([history.status, await history.json()]).toEqual([200, { has_unreads: true }]);
    } finally {
      await exposed.close();
    }
  });

  it('serves its OpenAPI document, and the AsyncAPI document of protocol 2', async () => {
    const openapi = await fetch(`${mock.url}/openapi.yaml`);
    expect(openapi.status).toBe(200);
    expect(await openapi.text()).toMatch(/^openapi: 3\.1\.0\n/);
    const json = (await (await fetch(`${mock.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(json.paths)).toContain('/chats/directs/{id}/messages/');
    const asyncapi = (await (await fetch(`${mock.url}/asyncapi.json`)).json()) as { info: { version: string } };
    expect(asyncapi.info.version).toBe('2.0.0');
  });

  it('every answer above was valid against the OpenAPI document', () => {
    expect(mock.stats().history.violations).toBe(0);
    expect(mock.stats().history.requests).toBeGreaterThan(20);
  });
});

describe('the log', () => {
  it('has a line for every answer: the request, who asked, the status', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({ protocol: 2, log: 'pretty', logTo: (line) => lines.push(line) });
    try {
      await fetch(`${logged.url}/chats/directs/12_23/messages/?limit=2`, {
        headers: { Authorization: `Bearer ${tokenOf(logged, 12)}` },
      });
      await fetch(`${logged.url}/chats/has-unreads/`);
      const history = lines.join('\n');
      expect(history).toContain('GET /chats/directs/12_23/messages/?limit=2 as user 12 → 200');
      expect(history).toContain('GET /chats/has-unreads/ without a valid token → 401');
    } finally {
      await logged.close();
    }
  });
});

describe('GET /chats/… under protocol 1', () => {
  it('says the history endpoints are protocol 2’s', async () => {
    const response = await fetch(`${v1.url}/chats/directs/`, {
      headers: { Authorization: `Bearer ${tokenOf(v1, 12)}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      detail:
        'Chat history over HTTP is part of protocol version 2: start the mock with --protocol 2 (protocol: 2 from code).',
    });
    expect((await fetch(`${v1.url}/openapi.yaml`)).status).toBe(404);
    const asyncapi = (await (await fetch(`${v1.url}/asyncapi.json`)).json()) as { info: { version: string } };
    expect(asyncapi.info.version).toMatch(/^1\./);
  });
});
