// The recording client against the fake backend: how each handshake outcome is reported, and
// waiting for frames with bounded timeouts.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type ConnectResult, type RecordingClient } from '../../conformance/client.js';
import { startFakeBackend, type FakeBackend } from './fake-backend.js';
import { startUpgradeServer } from './upgrade-server.js';

let backend: FakeBackend | undefined;
const clients: RecordingClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await backend?.close();
  backend = undefined;
});

function opened(result: ConnectResult): RecordingClient {
  if (result.kind !== 'open') throw new Error(`expected an open connection, got ${JSON.stringify(result)}`);
  clients.push(result.client);
  return result.client;
}

describe('connect', () => {
  it.each(['header', 'query', 'subprotocol'] as const)('opens with the token as %s', async (transport) => {
    backend = await startFakeBackend();
    const result = await connect(backend.url, { label: 'A#1', transport, token: 'token-12', timeoutMs: 1000 });
    expect(opened(result).isOpen).toBe(true);
  });

  it('reports the status of a refused upgrade', async () => {
    backend = await startFakeBackend();
    expect(await connect(backend.url, { label: 'x', transport: 'none', timeoutMs: 1000 })).toEqual({
      kind: 'refused',
      status: 403,
      statusText: 'Forbidden',
      body: '',
    });
  });

  it('keeps the body of a refused upgrade', async () => {
    const server = await startUpgradeServer(({ refuse }) => refuse(500, 'Internal Server Error', 'No route found'));
    try {
      const url = `ws://127.0.0.1:${server.port}/ws/chats/`;
      expect(await connect(url, { label: 'x', transport: 'query', token: 't', timeoutMs: 1000 })).toEqual({
        kind: 'refused',
        status: 500,
        statusText: 'Internal Server Error',
        body: 'No route found',
      });
    } finally {
      await server.close();
    }
  });

  it('reports a server that selects no subprotocol', async () => {
    backend = await startFakeBackend({ defects: ['no-subprotocol-selected'] });
    const result = await connect(backend.url, {
      label: 'x',
      transport: 'subprotocol',
      token: 'token-12',
      timeoutMs: 1000,
    });
    expect(result).toEqual({ kind: 'failed', reason: 'Server sent no subprotocol' });
  });

  it('reports a server that is not there', async () => {
    backend = await startFakeBackend();
    const url = backend.url;
    await backend.close();
    backend = undefined;
    const result = await connect(url, { label: 'x', transport: 'header', token: 't', timeoutMs: 1000 });
    expect(result.kind).toBe('failed');
    if (result.kind === 'failed') expect(result.reason).toMatch(/ECONNREFUSED/);
  });
});

describe('RecordingClient', () => {
  it('returns the next matching frame, leaving the others pending', async () => {
    backend = await startFakeBackend();
    const a = opened(
      await connect(backend.url, { label: 'A#1', transport: 'header', token: 'token-12', timeoutMs: 1000 }),
    );
    opened(await connect(backend.url, { label: 'B#1', transport: 'header', token: 'token-23', timeoutMs: 1000 }));
    a.send('not json');
    const error = await a.nextFrame((f) => (f.data as { type?: string }).type === 'error', 1000);
    const online = await a.nextFrame(() => true, 1000);
    expect(error?.data).toMatchObject({ type: 'error', content: { code: 'invalid_json' } });
    expect(online?.data).toEqual({ type: 'set_online', content: { user_id: 23 } });
    expect(a.log).toHaveLength(2);
  });

  it('gives up after the timeout, and quiet() collects what arrives meanwhile', async () => {
    backend = await startFakeBackend();
    const a = opened(
      await connect(backend.url, { label: 'A#1', transport: 'header', token: 'token-12', timeoutMs: 1000 }),
    );
    const started = Date.now();
    expect(await a.nextFrame(() => true, 150)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    a.send({ type: 'set_online', content: {} });
    const frames = await a.quiet(200);
    expect(frames.map((f) => f.data)).toEqual([{ type: 'set_online', content: { user_id: 12 } }]);
    expect(a.takePending()).toEqual([]);
  });

  it('stops waiting when the server closes the connection', async () => {
    backend = await startFakeBackend({ defects: ['close-on-invalid-json'] });
    const a = opened(
      await connect(backend.url, { label: 'A#1', transport: 'header', token: 'token-12', timeoutMs: 1000 }),
    );
    a.send('{');
    const started = Date.now();
    expect(await a.nextFrame(() => true, 5000)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(a.closed).toEqual({ code: 1007, reason: 'invalid JSON' });
    expect(a.send({ type: 'set_online', content: {} })).toBe(false);
  });
});
