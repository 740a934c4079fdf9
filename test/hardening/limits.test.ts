// limits.ts, rate-limit.ts and admission.ts without sockets: parsing, defaults, checking, the
// token bucket, and every branch of an upgrade's verdict.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type AdmissionContext, admit } from '../../mock-server/gateway/admission.js';
import {
  DEFAULT_LIMITS,
  describeRate,
  defaultMaxSockets,
  normalizeHostName,
  normalizeOrigin,
  parseRateLimit,
  resolveLimits,
} from '../../mock-server/gateway/limits.js';
import { RateLimiter } from '../../mock-server/gateway/rate-limit.js';

describe('parseRateLimit', () => {
  it.each([
    ['50/1s', { frames: 50, perMs: 1000 }],
    ['50/s', { frames: 50, perMs: 1000 }],
    ['200/500ms', { frames: 200, perMs: 500 }],
    ['1000/1m', { frames: 1000, perMs: 60_000 }],
    [' 5 / 10s ', { frames: 5, perMs: 10_000 }],
  ])('%j -> %j', (text, limit) => {
    expect(parseRateLimit(text)).toEqual(limit);
  });

  it.each(['50', '50/1h', '0/1s', '5/0s', '-5/1s', '1.5/1s', 'fast', ''])('refuses %j', (text) => {
    expect(() => parseRateLimit(text)).toThrow(
      `a rate limit looks like 50/1s, 200/500ms or 1000/1m (frames per period), got "${text}"`,
    );
  });

  it('describes a limit for people', () => {
    expect(describeRate({ frames: 50, perMs: 1000 })).toBe('50 frames per 1 s');
    expect(describeRate({ frames: 1, perMs: 250 })).toBe('1 frame per 250 ms');
  });
});

describe('origins', () => {
  it.each([
    ['http://localhost:5173', 'http://localhost:5173'],
    ['HTTP://LOCALHOST:5173/', 'http://localhost:5173'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['https://app.example.com/some/path', 'https://app.example.com'],
    ['null', 'null'],
  ])('normalizes %j to %j', (origin, normalized) => {
    expect(normalizeOrigin(origin)).toBe(normalized);
  });

  it.each(['localhost:5173', 'app.example.com', 'file:///index.html'])('refuses %j as an allowed origin', (origin) => {
    expect(() => normalizeOrigin(origin)).toThrow('an allowed origin looks like https://app.example.com');
  });

  it('keeps listed origins normalized, and * as "any"', () => {
    expect(resolveLimits({ allowedOrigins: ['HTTP://App.Example.com:80'] }).allowedOrigins).toEqual(
      new Set(['http://app.example.com']),
    );
    expect(resolveLimits({ allowedOrigins: ['http://a.example', '*'] }).allowedOrigins).toBe('any');
    expect(resolveLimits().allowedOrigins).toEqual(new Set());
  });

  it('keeps listed hosts as lower-case names, and * as "any"', () => {
    expect(resolveLimits({ allowedHosts: ['Dev.Example.TEST', '[::1]'] }).allowedHosts).toEqual(
      new Set(['dev.example.test', '::1']),
    );
    expect(resolveLimits({ allowedHosts: ['*'] }).allowedHosts).toBe('any');
    expect(() => normalizeHostName('http://x/')).toThrow('an allowed host is a name or address');
  });

  it('caps sockets below the open-file limit', () => {
    expect(defaultMaxSockets(1024)).toBe(960);
    expect(defaultMaxSockets(1_000_000)).toBe(20_000);
    expect(defaultMaxSockets(null)).toBe(960);
    expect(DEFAULT_LIMITS.maxSockets).toBeGreaterThanOrEqual(16);
  });
});

describe('resolveLimits', () => {
  it('is the defaults when nothing is given', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
  });

  it('takes each value given, the rate limit as text or as an object', () => {
    expect(
      resolveLimits({ maxPayload: 1024, rateLimit: '10/1s', heartbeatMs: 0, maxConnectionsPerUser: 1 }),
    ).toMatchObject({
      maxPayload: 1024,
      rateLimit: { frames: 10, perMs: 1000 },
      heartbeatMs: 0,
      maxConnectionsPerUser: 1,
    });
    expect(resolveLimits({ rateLimit: { frames: 3, perMs: 10 } }).rateLimit).toEqual({ frames: 3, perMs: 10 });
  });

  it.each([
    [{ maxPayload: 0 }, 'maxPayload must be an integer >= 1, got 0'],
    [{ maxConnections: 1.5 }, 'maxConnections must be an integer >= 1, got 1.5'],
    [{ maxConnectionsPerUser: -1 }, 'maxConnectionsPerUser must be an integer >= 1, got -1'],
    [{ heartbeatMs: -1 }, 'heartbeatMs must be an integer >= 0, got -1'],
    [{ maxBufferedBytes: Number.NaN }, 'maxBufferedBytes must be an integer >= 1, got NaN'],
    [{ rateLimit: { frames: 0, perMs: 1000 } }, 'rateLimit.frames must be an integer >= 1, got 0'],
  ])('refuses %j', (options, message) => {
    expect(() => resolveLimits(options)).toThrow(message);
  });
});

describe('RateLimiter', () => {
  it('lets a burst of `frames` through, then one per perMs/frames as time passes', () => {
    const limiter = new RateLimiter({ frames: 3, perMs: 300 }, 0);
    expect([0, 0, 0, 0].map((t) => limiter.take(t))).toEqual([true, true, true, false]);
    expect(limiter.take(50)).toBe(false);
    expect(limiter.take(100)).toBe(true);
    expect(limiter.take(100)).toBe(false);
    expect([10_000, 10_000, 10_000, 10_000].map((t) => limiter.take(t))).toEqual([true, true, true, false]);
  });

  it('does not go back in time', () => {
    const limiter = new RateLimiter({ frames: 1, perMs: 1000 }, 5000);
    expect(limiter.take(5000)).toBe(true);
    expect(limiter.take(1000)).toBe(false);
    expect(limiter.take(6000)).toBe(true);
  });
});

describe('admit', () => {
  const token = 'fixture-token-of-user-12';
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  const url = (path = '/ws/chats/') => new URL(path, 'http://localhost');
  const ctx = (overrides: Partial<AdmissionContext> = {}): AdmissionContext => ({
    limits: { maxConnections: 10, maxConnectionsPerUser: 2 },
    policy: { allowedOrigins: new Set(['http://app.example.com']), allowedHosts: new Set(), ownHosts: new Set() },
    closing: false,
    openConnections: 0,
    connectionsOf: () => 0,
    tokens: new Map([[token, 12]]),
    isKnownUser: (id) => id === 12,
    jwtSecret: undefined,
    nowMs: 0,
    ...overrides,
  });
  const bearer = { authorization: `Bearer ${token}` };

  it('admits a known token on the endpoint', () => {
    expect(admit(request(bearer), url(), ctx())).toEqual({ ok: true, userId: 12, via: 'header', token });
  });

  it.each([
    ['a loopback dev server on any port', 'http://localhost:5173', 'localhost:8000'],
    ['another loopback address', 'http://127.0.0.1:3000', '127.0.0.1:8000'],
    ['the mock itself', 'http://127.0.0.1:8000', '127.0.0.1:8000'],
    ['an origin listed', 'http://app.example.com', 'localhost:8000'],
  ])('admits a page of %s', (_name, origin, host) => {
    expect(admit(request({ ...bearer, origin, host }), url(), ctx())).toMatchObject({ ok: true, userId: 12 });
  });

  it.each([
    ['shutting down', request(bearer), url(), { closing: true }, 503, 'The server is shutting down'],
    [
      'another path',
      request(bearer),
      url('/ws/other/'),
      {},
      404,
      'No WebSocket endpoint at /ws/other/: use /ws/chats/',
    ],
    [
      'an origin not listed',
      request({ ...bearer, origin: 'http://evil.example' }),
      url(),
      {},
      403,
      'Forbidden: origin http://evil.example is not allowed (allow it with --allowed-origin http://evil.example)',
    ],
    [
      'a Host that does not name the mock (DNS rebinding)',
      request({ ...bearer, host: 'rebind.attacker.example:8000' }),
      url(),
      {},
      403,
      'Forbidden: Host "rebind.attacker.example:8000" is not a name of this mock (allow it with --allowed-host rebind.attacker.example)',
    ],
    [
      'too many sockets in all',
      request(bearer),
      url(),
      { openConnections: 10 },
      503,
      'Service Unavailable: too many connections (10 open, the limit): try again later',
    ],
    [
      'an unknown token',
      request({ authorization: 'Bearer nope' }),
      url(),
      {},
      403,
      'Forbidden: unknown token (neither a fixture token nor a JWT)',
    ],
    [
      'too many sockets of that user',
      request(bearer),
      url(),
      { connectionsOf: () => 2 },
      429,
      'Too Many Requests: user 12 has 2 connections open, the limit per user: close one first',
    ],
  ])('refuses %s', (_name, req, at, overrides, status, body) => {
    const verdict = admit(req, at, ctx(overrides as Partial<AdmissionContext>));
    expect(verdict).toMatchObject({ ok: false, status, body });
    if (!verdict.ok && verdict.token !== undefined) expect(verdict.token).not.toContain(token);
  });

  it('checks the origin before the token, and the total before the token too (no work for a refused client)', () => {
    const origin = admit(request({ authorization: 'Bearer nope', origin: 'http://evil.example' }), url(), ctx());
    expect(origin).toMatchObject({ status: 403, reason: expect.stringContaining('origin') });
    const full = admit(request({ authorization: 'Bearer nope' }), url(), ctx({ openConnections: 10 }));
    expect(full).toMatchObject({ status: 503 });
  });
});
