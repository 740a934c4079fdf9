// Tokens: JWT signing and checking, where a handshake's token comes from, whom it names.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticate, maskToken, presentedToken } from '../../mock-server/gateway/auth.js';
import { decodeJwt, signJwt, verifyJwt } from '../../mock-server/gateway/jwt.js';

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;
const url = (query = '') => new URL(`http://localhost/ws/chats/${query}`);

describe('jwt', () => {
  it('signs HS256 tokens that decode and verify', () => {
    const token = signJwt({ user_id: 12, exp: 4_102_444_800 }, 'k');
    const decoded = decodeJwt(token);
    expect(decoded?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decoded?.payload).toEqual({ user_id: 12, exp: 4_102_444_800 });
    expect(decoded && verifyJwt(decoded, 'k', Date.now())).toEqual({ ok: true });
    expect(decoded && verifyJwt(decoded, 'other', Date.now())).toEqual({ ok: false, reason: 'bad JWT signature' });
    expect(decoded && verifyJwt(decoded, 'k', 4_102_444_800_000)).toEqual({ ok: false, reason: 'JWT expired' });
  });

  it.each(['', 'a.b', 'a.b.c.d', '!!.e30.x', `${Buffer.from('[]').toString('base64url')}.e30.x`])(
    'does not decode %j',
    (token) => {
      expect(decodeJwt(token)).toBeNull();
    },
  );
});

describe('presentedToken', () => {
  it('reads the Authorization header first, then the subprotocols, then ?token=', () => {
    expect(
      presentedToken(
        request({ authorization: 'Bearer abc', 'sec-websocket-protocol': 'Bearer, def' }),
        url('?token=ghi'),
      ),
    ).toEqual({ token: 'abc', via: 'header' });
    expect(presentedToken(request({ 'sec-websocket-protocol': 'Bearer, def' }), url('?token=ghi'))).toEqual({
      token: 'def',
      via: 'subprotocol',
    });
    expect(presentedToken(request({}), url('?token=ghi'))).toEqual({ token: 'ghi', via: 'query' });
    expect(
      presentedToken(request({ authorization: 'Basic xyz', 'sec-websocket-protocol': 'Bearer' }), url()),
    ).toBeNull();
  });
});

describe('authenticate', () => {
  const options = {
    tokens: new Map([['fixture-token', 12]]),
    isKnownUser: (id: number) => [12, 23].includes(id),
    nowMs: Date.now(),
  };

  it('knows the fixture tokens and JWTs naming a known user', () => {
    expect(authenticate('fixture-token', options)).toEqual({ ok: true, userId: 12 });
    expect(authenticate(signJwt({ user_id: 23 }, 'anything'), options)).toEqual({ ok: true, userId: 23 });
  });

  it('refuses the rest, saying why', () => {
    expect(authenticate('garbage', options)).toEqual({
      ok: false,
      reason: 'unknown token (neither a fixture token nor a JWT)',
    });
    expect(authenticate(signJwt({ user_id: 99 }, 'x'), options)).toEqual({
      ok: false,
      reason: 'user 99 does not exist',
    });
    expect(authenticate(signJwt({ user_id: 12.5 }, 'x'), options)).toEqual({
      ok: false,
      reason: 'the JWT has no numeric user_id claim',
    });
  });

  it('checks the signature only with a secret', () => {
    const strict = { ...options, jwtSecret: 'k' };
    expect(authenticate(signJwt({ user_id: 23 }, 'k'), strict)).toEqual({ ok: true, userId: 23 });
    expect(authenticate(signJwt({ user_id: 23 }, 'x'), strict)).toEqual({ ok: false, reason: 'bad JWT signature' });
    expect(authenticate('fixture-token', strict)).toEqual({ ok: true, userId: 12 });
  });

  it('refuses an expired JWT, with or without a secret, and accepts one without exp', () => {
    const past = Math.floor(options.nowMs / 1000) - 60;
    const future = Math.floor(options.nowMs / 1000) + 60;
    expect(authenticate(signJwt({ user_id: 23, exp: past }, 'x'), options)).toEqual({
      ok: false,
      reason: 'JWT expired',
    });
    expect(authenticate(signJwt({ user_id: 23, exp: past }, 'k'), { ...options, jwtSecret: 'k' })).toEqual({
      ok: false,
      reason: 'JWT expired',
    });
    expect(authenticate(signJwt({ user_id: 23, exp: future }, 'x'), options)).toEqual({ ok: true, userId: 23 });
    expect(authenticate(signJwt({ user_id: 23 }, 'x'), options)).toEqual({ ok: true, userId: 23 });
  });
});

describe('maskToken', () => {
  it('shows the first six characters only', () => {
    expect(maskToken('eyJhbGciOiJIUzI1NiJ9.secret')).toBe('eyJhbG…');
    expect(maskToken('short')).toBe('…');
  });
});
