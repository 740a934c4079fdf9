// The bodies of the fault endpoints, read into checked values: defaults, and every problem named.
import { describe, expect, it } from 'vitest';
import {
  describeLink,
  isSendableCloseCode,
  parseDisconnectSpec,
  parseLinkSpec,
  parseOutageSpec,
  parseStallSpec,
} from '../../mock-server/faults/index.js';

describe('parseLinkSpec (POST /__mock/faults)', () => {
  it('fills in the defaults: both directions, every user, the default seed', () => {
    expect(parseLinkSpec({ latency_ms: 200 }, 42)).toEqual({
      ok: true,
      value: { latency_ms: 200, jitter_ms: 0, drop_rate: 0, duplicate_rate: 0, user: null, direction: null, seed: 42 },
    });
  });

  it('keeps what is given', () => {
    const body = {
      latency_ms: 10,
      jitter_ms: 5,
      drop_rate: 0.25,
      duplicate_rate: 1,
      user: 12,
      direction: 'out',
      seed: 7,
    };
    expect(parseLinkSpec(body, 42)).toEqual({ ok: true, value: body });
    expect(parseLinkSpec({ drop_rate: 0.5, direction: 'both' }, 1)).toMatchObject({
      ok: true,
      value: { direction: null },
    });
  });

  it.each([
    [{}, ['the link changes nothing: give latency_ms, jitter_ms, drop_rate or duplicate_rate']],
    [{ latency_ms: -1 }, ['latency_ms must be an integer from 0 to 86400000, got -1']],
    [{ latency_ms: 1.5 }, ['latency_ms must be an integer from 0 to 86400000, got 1.5']],
    [{ drop_rate: 2 }, ['drop_rate must be a number from 0 to 1, got 2']],
    [{ duplicate_rate: '0.5' }, ['duplicate_rate must be a number from 0 to 1, got "0.5"']],
    [{ drop_rate: 0.1, user: 0 }, ['user must be an integer from 1 to 9007199254740991, got 0']],
    [
      { drop_rate: 0.1, direction: 'up' },
      ['direction must be "in" (client → server), "out" (server → client) or absent for both, got "up"'],
    ],
    [
      { latency: 200 },
      [
        'unknown field "latency": the fields are latency_ms, jitter_ms, drop_rate, duplicate_rate, user, direction, seed',
      ],
    ],
    [
      [1],
      [
        'the body must be a JSON object with the fields latency_ms, jitter_ms, drop_rate, duplicate_rate, user, direction, seed',
      ],
    ],
  ])('refuses %j, saying why', (body, errors) => {
    expect(parseLinkSpec(body, 42)).toEqual({ ok: false, errors });
  });

  it('says a link in one line', () => {
    const spec = parseLinkSpec({ latency_ms: 200, jitter_ms: 50, drop_rate: 0.1, direction: 'out', user: 12 }, 1);
    expect(spec.ok && describeLink(spec.value)).toBe('latency 200±50 ms, drop 10%, out (server → client), user 12');
  });
});

describe('parseDisconnectSpec (POST /__mock/disconnect)', () => {
  it('defaults to everyone, 1012 "Service restart"; no body is fine', () => {
    expect(parseDisconnectSpec(undefined)).toEqual({
      ok: true,
      value: { user: null, code: 1012, reason: 'Service restart' },
    });
    expect(parseDisconnectSpec({ user: 12, code: 4000 })).toEqual({
      ok: true,
      value: { user: 12, code: 4000, reason: '' },
    });
  });

  it.each([1004, 1005, 1006, 1015, 999, 2000, 5000])(
    'refuses the close code %i, which no close frame may carry',
    (code) => {
      expect(parseDisconnectSpec({ code })).toEqual({
        ok: false,
        errors: [`code must be a close code a server may send (1000-1003, 1007-1014, 3000-4999), got ${code}`],
      });
      expect(isSendableCloseCode(code)).toBe(false);
    },
  );

  it('refuses a reason longer than a close frame holds', () => {
    expect(parseDisconnectSpec({ reason: 'é'.repeat(62) })).toEqual({
      ok: false,
      errors: ['reason must be a string of at most 123 bytes (a close frame has room for no more)'],
    });
  });
});

describe('parseOutageSpec and parseStallSpec', () => {
  it('an outage needs its length; the status defaults to 503', () => {
    expect(parseOutageSpec({ seconds: 2 })).toEqual({ ok: true, value: { seconds: 2, status: 503 } });
    expect(parseOutageSpec({})).toEqual({ ok: false, errors: ['seconds is required: how long the outage lasts'] });
    expect(parseOutageSpec({ seconds: 1, status: 200 })).toEqual({
      ok: false,
      errors: ['status must be an integer from 400 to 599, got 200'],
    });
  });

  it('a stall lasts until ended unless it says how long', () => {
    expect(parseStallSpec(undefined)).toEqual({ ok: true, value: { user: null, seconds: null } });
    expect(parseStallSpec({ user: 23, seconds: 0.5 })).toEqual({ ok: true, value: { user: 23, seconds: 0.5 } });
    expect(parseStallSpec({ seconds: 0 })).toEqual({
      ok: false,
      errors: ['seconds must be a number from 0.001 to 86400, got 0'],
    });
  });
});
