// origin-policy.ts without sockets: which Host names and browser pages may talk to the mock.
import { describe, expect, it } from 'vitest';
import {
  type OriginPolicy,
  checkHost,
  checkOrigin,
  exposedAt,
  hostNameOf,
  isLoopbackName,
  ownHostNames,
} from '../../mock-server/gateway/origin-policy.js';

const policy = (overrides: Partial<OriginPolicy> = {}): OriginPolicy => ({
  allowedOrigins: new Set(),
  allowedHosts: new Set(),
  ownHosts: ownHostNames('127.0.0.1'),
  ...overrides,
});

describe('names', () => {
  it.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])(
    '%s is loopback',
    (name) => expect(isLoopbackName(name)).toBe(true),
  );

  it.each(['0.0.0.0', '::', '192.168.1.5', 'localhost.example.com', 'mylocalhost', '128.0.0.1'])(
    '%s is not loopback',
    (name) => expect(isLoopbackName(name)).toBe(false),
  );

  it('tells exposed bindings from loopback ones', () => {
    expect(exposedAt('127.0.0.1')).toBe(false);
    expect(exposedAt('::1')).toBe(false);
    expect(exposedAt('localhost')).toBe(false);
    expect(exposedAt('0.0.0.0')).toBe(true);
    expect(exposedAt('192.168.1.5')).toBe(true);
  });

  it.each([
    ['example.com:8000', 'example.com'],
    ['Example.COM', 'example.com'],
    ['[::1]:8000', '::1'],
    ['[::1]', '::1'],
    ['127.0.0.1:1', '127.0.0.1'],
  ])('the host name of %s is %s', (header, name) => expect(hostNameOf(header)).toBe(name));

  it('counts the bound address as the mock’s own, and the machine’s addresses when bound to all', () => {
    expect(ownHostNames('192.168.77.5').has('192.168.77.5')).toBe(true);
    const all = ownHostNames('0.0.0.0');
    expect(all.has('127.0.0.1')).toBe(true);
    expect(all.size).toBeGreaterThanOrEqual(3);
  });
});

describe('checkHost', () => {
  it.each(['localhost:8000', '127.0.0.1:8000', '[::1]:8000', 'app.localhost:8000', undefined, ''])(
    'lets %j through',
    (host) => expect(checkHost(host, policy())).toEqual({ ok: true }),
  );

  it('refuses a name the mock does not answer to, naming the flag that allows it', () => {
    expect(checkHost('attacker.example:8000', policy())).toEqual({
      ok: false,
      reason: 'Host "attacker.example:8000" is not a name of this mock (allow it with --allowed-host attacker.example)',
    });
  });

  it('lets listed names, the bound address, or anything with "any" through', () => {
    expect(checkHost('dev.example.test:8000', policy({ allowedHosts: new Set(['dev.example.test']) })).ok).toBe(true);
    expect(checkHost('192.168.77.5:8000', policy({ ownHosts: ownHostNames('192.168.77.5') })).ok).toBe(true);
    expect(checkHost('whatever.example', policy({ allowedHosts: 'any' })).ok).toBe(true);
  });
});

describe('checkOrigin', () => {
  const host = '127.0.0.1:8000';
  it.each([
    ['no Origin (a CLI or a server)', undefined, undefined],
    ['the mock itself', 'http://127.0.0.1:8000', 'same-origin'],
    ['a loopback dev server', 'http://localhost:5173', 'same-site'],
    ['https on loopback', 'https://127.0.0.1:3000', 'cross-site'],
    ['a same-origin navigation', undefined, 'same-origin'],
  ])('allows %s', (_name, origin, site) => {
    expect(checkOrigin(origin, host, site, policy())).toEqual({ ok: true });
  });

  it('refuses a page of another origin, naming the flag that allows it', () => {
    expect(checkOrigin('https://evil.example', host, 'cross-site', policy())).toEqual({
      ok: false,
      reason: 'origin https://evil.example is not allowed (allow it with --allowed-origin https://evil.example)',
    });
  });

  it('refuses a cross-site request that carries no Origin (an image or a script tag)', () => {
    expect(checkOrigin(undefined, host, 'cross-site', policy())).toMatchObject({ ok: false });
  });

  it('refuses the opaque origin "null" unless it is listed', () => {
    expect(checkOrigin('null', host, 'cross-site', policy()).ok).toBe(false);
    expect(checkOrigin('null', host, 'cross-site', policy({ allowedOrigins: new Set(['null']) })).ok).toBe(true);
  });

  it('allows listed origins, and any with "any"', () => {
    const listed = policy({ allowedOrigins: new Set(['https://app.example.com']) });
    expect(checkOrigin('https://app.example.com', host, 'cross-site', listed).ok).toBe(true);
    expect(checkOrigin('https://app.example.com:444', host, 'cross-site', listed).ok).toBe(false);
    expect(checkOrigin('https://evil.example', host, 'cross-site', policy({ allowedOrigins: 'any' })).ok).toBe(true);
  });
});
