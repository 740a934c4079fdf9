// Why an upgrade was refused: the status and body, the path that answers instead, what the token
// says about itself.
import { afterEach, describe, expect, it } from 'vitest';
import { describeRefusal, describeToken, formatDuration, HandshakeDoctor } from '../../conformance/handshake.js';
import { PROTOCOL_V1 } from '../../conformance/profile/v1.js';
import { signJwt } from '../../mock-server/gateway/jwt.js';
import { dialectToken, startDialectBackend, type DialectBackend } from './dialect-backend.js';
import { startUpgradeServer, type UpgradeServer } from './upgrade-server.js';

const NOW = Date.parse('2026-11-24T10:15:30.000Z');
const jwt = (payload: Record<string, unknown>): string => signJwt(payload, 'secret');

describe('describeToken', () => {
  it('says when a JWT expired', () => {
    expect(describeToken(jwt({ user_id: 12, exp: NOW / 1000 - 200 }), 12, NOW)).toBe(
      "user 12's token expired at 2026-11-24T10:12:10.000Z, 3 min 20 s ago: get a fresh one",
    );
  });

  it('says how long a JWT is still valid, and that the refusal has another cause', () => {
    expect(describeToken(jwt({ user_id: 12, exp: NOW / 1000 + 290 }), 12, NOW)).toBe(
      "user 12's token is a JWT (HS256) valid until 2026-11-24T10:20:20.000Z (4 min 50 s from now): the server refused it for another reason (the transport, the signature, or the user)",
    );
  });

  it("notices another user's token", () => {
    expect(describeToken(jwt({ user_id: 13, exp: NOW / 1000 + 60 }), 12, NOW)).toMatch(
      /; its user_id is 13, not 12: is it another user's token\?$/,
    );
  });

  it('tells a malformed JWT from a token that is no JWT at all', () => {
    expect(describeToken('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig', 12, NOW)).toBe(
      "user 12's token is a malformed JWT: its payload is not base64url-encoded JSON",
    );
    expect(describeToken('a.b', 12, NOW)).toBe(
      "user 12's token is a malformed JWT: 2 dot-separated parts, a JWT has 3",
    );
    expect(describeToken('9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b', 12, NOW)).toBe(
      "user 12's token is not a JWT, so nothing about it can be read here (an opaque token?)",
    );
    expect(describeToken(jwt({ user_id: 12 }), 12, NOW)).toBe(
      "user 12's token is a JWT (HS256) without a numeric exp, so it does not expire by itself",
    );
  });

  it('formats durations', () => {
    expect([42_000, 200_000, 7_500_000, 3 * 86_400_000].map(formatDuration)).toEqual([
      '42 s',
      '3 min 20 s',
      '2 h 5 min',
      '3 days',
    ]);
  });
});

describe('describeRefusal', () => {
  it('gives the status and the text of the body, shortened', () => {
    expect(describeRefusal({ status: 403, statusText: 'Forbidden', body: '' })).toBe('HTTP 403 Forbidden');
    expect(
      describeRefusal({
        status: 500,
        statusText: 'Internal Server Error',
        body: '<html><head><title>x</title></head><body><h1>Server Error</h1>\n  No route for ws/chats/</body></html>',
      }),
    ).toBe('HTTP 500 Internal Server Error (body: "Server Error No route for ws/chats/")');
    expect(describeRefusal({ status: 404, statusText: '', body: 'x'.repeat(300) })).toBe(
      `HTTP 404 (body: "${'x'.repeat(120)}…")`,
    );
  });
});

describe('HandshakeDoctor', () => {
  let dialect: DialectBackend | undefined;
  let server: UpgradeServer | undefined;
  afterEach(async () => {
    await dialect?.close();
    await server?.close();
    dialect = server = undefined;
  });

  it('names the known path that answers when the given one gives 5xx', async () => {
    dialect = await startDialectBackend();
    const doctor = new HandshakeDoctor({ url: dialect.documentedUrl, timeoutMs: 1000, profile: PROTOCOL_V1 });
    const why = await doctor.explain({ id: 12, token: dialectToken(12) }, { status: 500, statusText: '', body: '' });
    expect(why).toEqual([
      `the endpoint may be elsewhere: ${dialect.url} answers (it accepted the token sent as the ?token=<token> query parameter); run again with --url ${dialect.url}`,
    ]);
  });

  it('says so when no known path answers either', async () => {
    server = await startUpgradeServer(({ refuse }) => refuse(404, 'Not Found'));
    const url = `ws://127.0.0.1:${server.port}/api/ws/`;
    const doctor = new HandshakeDoctor({ url, timeoutMs: 1000, profile: PROTOCOL_V1 });
    const why = await doctor.explain({ id: 12, token: 't' }, { status: 404, statusText: 'Not Found', body: '' });
    const base = `ws://127.0.0.1:${server.port}`;
    expect(why).toEqual([
      `the endpoint may be elsewhere, but none of the known paths answers either (${base}/ws/chats/: HTTP 404 Not Found; ${base}/ws/chat/: HTTP 404 Not Found)`,
    ]);
  });

  it('reads the token on 401 and 403', async () => {
    const doctor = new HandshakeDoctor({ url: 'ws://127.0.0.1:1/ws/chats/', timeoutMs: 100, profile: PROTOCOL_V1 });
    const expired = dialectToken(12, Date.now() - 10 * 60_000);
    const [why] = await doctor.explain({ id: 12, token: expired }, { status: 403, statusText: 'Forbidden', body: '' });
    expect(why).toMatch(/^user 12's token expired at .*, 5 min( \d+ s)? ago: get a fresh one$/);
  });
});
