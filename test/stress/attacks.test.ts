// The hostile-input attacks at a size that would have taken the mock down, against the mock as
// `npm run mock` starts it (a child process, so its RSS is its own). Behaviour and memory are
// asserted, never time: the figures come from `npm run attacks`.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, isError, open, tokens, wideFrame } from '../../bench/attacks/attacks.js';
import { type MockProcess, spawnMock } from '../../bench/attacks/mock-process.js';
import { figures } from '../hardening/helpers.js';
import { until } from '../mock/helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bound for the mock's memory through every attack. */
const RSS_LIMIT_MIB = 300;

let mock: MockProcess | null = null;
afterEach(async () => {
  await mock?.stop();
  mock = null;
});

const health = async (m: MockProcess) => (await fetch(`${m.url}/healthz`)).json() as Promise<Record<string, any>>;

/** Sends `count` copies of `frame` in batches, waiting for each batch's error answers. */
async function flood(ws: Awaited<ReturnType<typeof open>>, frame: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 50) {
    const answers = collect(ws, 50, isError);
    for (let i = 0; i < 50; i++) ws.send(frame);
    expect(await answers).toHaveLength(50);
  }
}

describe('memory', () => {
  it('a traffic log full of worst-case frames stays within its budget', async () => {
    mock = await spawnMock({ dir: ROOT });
    const ws = await open(mock, (await tokens(mock)).get(12) ?? '');
    await flood(ws, wideFrame(62 * 1024), 1500);
    const h = await health(mock);
    expect(h.traffic.bytes).toBeLessThanOrEqual(16 * 2 ** 20);
    expect(h.traffic.dropped).toBeGreaterThan(0);
    const traffic = (await (await fetch(`${mock.url}/__mock/traffic`)).json()) as { records: unknown[] };
    expect(traffic.records.length).toBe(h.traffic.kept);
    figures('traffic log of worst-case frames', { rssPeakMiB: mock.peakMiB().toFixed(0), kept: h.traffic.kept });
    expect(mock.peakMiB()).toBeLessThan(RSS_LIMIT_MIB);
    ws.close();
  });

  it('150 live-stream subscribers that never read: 32 served, the rest refused, memory bounded', async () => {
    mock = await spawnMock({ dir: ROOT });
    const ws = await open(mock, (await tokens(mock)).get(12) ?? '');
    await flood(ws, wideFrame(32 * 1024), 300);
    const statuses: string[] = [];
    const sockets = Array.from({ length: 150 }, () => {
      const socket = net.connect(mock?.port ?? 0, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('data', (chunk: Buffer) => {
        statuses.push(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString())?.[1] ?? '?');
        socket.pause();
      });
      socket.write(`GET /__mock/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      return socket;
    });
    await until(() => statuses.length === 150, 30_000);
    await flood(ws, wideFrame(32 * 1024), 500);
    expect(statuses.filter((s) => s === '200')).toHaveLength(32);
    expect(statuses.filter((s) => s === '503')).toHaveLength(118);
    expect((await health(mock)).live).toMatchObject({ refused: 118 });
    figures('150 live subscribers that never read', { rssPeakMiB: mock.peakMiB().toFixed(0) });
    expect(mock.peakMiB()).toBeLessThan(RSS_LIMIT_MIB);
    for (const socket of sockets) socket.destroy();
    ws.close();
  });

  it('60,000 messages of 8 KB: the store keeps the newest 2000, the other user gets every one', async () => {
    mock = await spawnMock({ dir: ROOT });
    const all = await tokens(mock);
    const anna = await open(mock, all.get(12) ?? '');
    const james = await open(mock, all.get(23) ?? '');
    let received = 0;
    james.on('message', (data: Buffer) => void (data.toString().startsWith('{"type":"new_message"') && received++));
    const frame = JSON.stringify({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'я'.repeat(4096), reply_to: null },
    });
    const total = 60_000;
    let acked = 0;
    let sent = 0;
    await new Promise<void>((resolve, reject) => {
      anna.on('message', (data: Buffer) => {
        if (!data.toString().startsWith('{"type":"new_message"')) return;
        if (++acked >= total) return resolve();
        if (sent < total) (anna.send(frame), sent++);
      });
      anna.once('close', () => reject(new Error(`closed after ${acked} messages`)));
      for (; sent < 64; sent++) anna.send(frame);
    });
    const h = await health(mock);
    expect(h.messages).toEqual({ kept: 2000, max: 2000, evicted: 54 + total - 2000 });
    const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { messages: unknown[] };
    expect(state.messages).toHaveLength(2000);
    expect(received).toBe(total);
    figures('60,000 messages of 8 KB', { rssPeakMiB: mock.peakMiB().toFixed(0), evicted: h.messages.evicted });
    expect(mock.peakMiB()).toBeLessThan(RSS_LIMIT_MIB);
    anna.close();
    james.close();
  });
});

describe('sockets', () => {
  it('1100 silent sockets under a 1024 open-file limit: the mock keeps serving, and closes them', async () => {
    mock = await spawnMock({ dir: ROOT, openFiles: 1024, args: ['--handshake-timeout', '2000'] });
    const token = (await tokens(mock)).get(12) ?? '';
    const silent = Array.from({ length: 1100 }, () => {
      const socket = net.connect(mock?.port ?? 0, '127.0.0.1');
      socket.on('error', () => undefined);
      return socket;
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const ws = await open(mock, token);
    ws.close();
    const h = await health(mock);
    expect(h.sockets.refused + h.sockets.handshakeTimeouts).toBeGreaterThanOrEqual(1100 - h.sockets.open);
    expect(h.sockets.handshakeTimeouts).toBeGreaterThan(0);
    expect(mock.alive()).toBe(true);
    for (const socket of silent) socket.destroy();
  });
});
