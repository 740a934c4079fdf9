// The attacks of the hostile-input issue, at full size, each against a fresh mock started as
// `npm run mock` starts it. Each returns figures; none asserts anything (the regression tests do).
import http from 'node:http';
import net from 'node:net';
import { WebSocket } from 'ws';
import { type MockProcess, spawnMock } from './mock-process.js';
import { probe } from './probe.js';

export interface Figure {
  what: string;
  value: string;
}

export interface AttackContext {
  /** The checkout whose mock is attacked. */
  dir: string;
  /** Smaller counts, for a quick look (the figures are then not the issue's). */
  quick: boolean;
}

export interface Attack {
  name: string;
  run(ctx: AttackContext): Promise<Figure[]>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mib = (value: number) => `${value.toFixed(0)} MiB`;

export async function tokens(mock: MockProcess): Promise<Map<number, string>> {
  const res = await fetch(`${mock.url}/__mock/users`);
  const users = (await res.json()) as { id: number; token: string }[];
  return new Map(users.map((u) => [u.id, u.token]));
}

export function open(mock: MockProcess, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${mock.port}/ws/chats/`, { headers: { Authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** A new_message frame without chat_type whose content has as many unknown keys as fit in `bytes`. */
export function wideFrame(bytes: number): string {
  const head = '{"type":"new_message","content":{';
  const parts: string[] = [];
  let size = head.length + 2;
  for (let i = 0; size < bytes - 24; i++) {
    const part = `"k${i.toString(36)}":${i}`;
    parts.push(part);
    size += part.length + 1;
  }
  return `${head}${parts.join(',')}}}`;
}

/** Sends and waits until `count` frames matching `until` arrived (or the socket closed). */
export function collect(ws: WebSocket, count: number, until: (text: string) => boolean): Promise<string[]> {
  const got: string[] = [];
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const text = data.toString();
      if (!until(text)) return;
      got.push(text);
      if (got.length >= count) done();
    };
    const done = (): void => {
      ws.off('message', onMessage);
      resolve(got);
    };
    ws.on('message', onMessage);
    ws.once('close', done);
  });
}

export const isError = (text: string) => text.startsWith('{"type":"error"');

/** Runs `attack` on a fresh mock with /healthz probed throughout; adds the probe, RSS and survival. */
async function withMock(
  ctx: AttackContext,
  attack: (mock: MockProcess) => Promise<Figure[]>,
  options: { openFiles?: number } = {},
): Promise<Figure[]> {
  const mock = await spawnMock({ dir: ctx.dir, ...options });
  const idle = mock.rssMiB();
  const health = probe(mock.url);
  let figures: Figure[] = [];
  try {
    figures = await attack(mock);
  } catch (err) {
    figures.push({ what: 'attack failed', value: err instanceof Error ? err.message : String(err) });
  }
  const probed = await health.stop();
  figures.push(
    {
      what: '/healthz during the attack: max (p99)',
      value: `${ms(probed.maxMs)} (${ms(probed.p99Ms)}), ${probed.failed} failed`,
    },
    { what: 'mock RSS: idle -> peak', value: `${mib(idle)} -> ${mib(mock.peakMiB())}` },
    { what: 'mock still running', value: mock.alive() ? 'yes' : `no: ${mock.exit() ?? ''}` },
  );
  await mock.stop();
  return figures;
}

export const ATTACKS: Attack[] = [
  {
    name: 'cpu: five 62 KB frames of unknown keys, no chat_type, from one client',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const ws = await open(mock, (await tokens(mock)).get(12) ?? '');
        const frame = wideFrame(62 * 1024);
        await sleep(300);
        const answers = collect(ws, 5, isError);
        const start = performance.now();
        for (let i = 0; i < 5; i++) ws.send(frame);
        const got = await answers;
        const elapsed = performance.now() - start;
        ws.close();
        return [
          { what: 'all five answered in', value: `${ms(elapsed)} (${got.length} answers)` },
          { what: 'one reply', value: `${got[0]?.length ?? 0} bytes for a ${frame.length}-byte frame` },
        ];
      }),
  },
  {
    name: 'cpu: the control API at its body limit, and a 516 KB text/plain body',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        await sleep(300);
        const json = wideFrame(64 * 1024);
        let slowest = 0;
        let status = 0;
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          const res = await fetch(`${mock.url}/__mock/act-as/12`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: json,
          });
          await res.arrayBuffer();
          status = res.status;
          slowest = Math.max(slowest, performance.now() - start);
        }
        const big = wideFrame(516 * 1024);
        const start = performance.now();
        const res = await fetch(`${mock.url}/__mock/act-as/12`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: big,
        });
        await res.arrayBuffer();
        return [
          {
            what: `act-as with a ${json.length}-byte JSON body (x5): slowest`,
            value: `${ms(slowest)}, HTTP ${status}`,
          },
          {
            what: `act-as with a ${big.length}-byte text/plain body`,
            value: `${ms(performance.now() - start)}, HTTP ${res.status}`,
          },
        ];
      }),
  },
  {
    name: 'web page: the control API and the socket from another origin, and a rebound Host',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const token = (await tokens(mock)).get(12) ?? '';
        const foreign = { Origin: 'https://evil.example' };
        const users = await fetch(`${mock.url}/__mock/users`, { headers: foreign });
        const act = await fetch(`${mock.url}/__mock/act-as/12`, {
          method: 'POST',
          headers: { ...foreign, 'Content-Type': 'text/plain' },
          body: '{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"forged","reply_to":null}}',
        });
        const reset = await fetch(`${mock.url}/__mock/reset`, { method: 'POST', headers: foreign });
        const upgrade = await new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${mock.port}/ws/chats/`, ['Bearer', token], { headers: foreign });
          ws.once('open', () => (ws.close(), resolve('opened')));
          ws.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
          ws.once('error', () => resolve('error'));
        });
        const rebound = await new Promise<number>((resolve) => {
          http
            .get(
              { host: '127.0.0.1', port: mock.port, path: '/__mock/users', headers: { Host: 'rebind.evil.example' } },
              (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
              },
            )
            .on('error', () => resolve(0));
        });
        return [
          {
            what: 'GET /__mock/users from https://evil.example',
            value: `HTTP ${users.status}, CORS grant: ${users.headers.get('access-control-allow-origin') ?? 'none'}`,
          },
          { what: 'POST act-as (text/plain, no preflight) from it', value: `HTTP ${act.status}` },
          { what: 'POST reset from it', value: `HTTP ${reset.status}` },
          { what: 'WebSocket with a fixture token from it', value: upgrade },
          { what: 'GET /__mock/users with Host: rebind.evil.example', value: `HTTP ${rebound}` },
        ];
      }),
  },
  {
    name: 'memory: the traffic log filled with worst-case frames (62 KB, thousands of problems)',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const ws = await open(mock, (await tokens(mock)).get(12) ?? '');
        const frame = wideFrame(62 * 1024);
        const total = ctx.quick ? 300 : 2000;
        for (let sent = 0; sent < total; sent += 50) {
          const answers = collect(ws, 50, isError);
          for (let i = 0; i < 50; i++) ws.send(frame);
          await answers;
        }
        ws.close();
        const start = performance.now();
        const res = await fetch(`${mock.url}/__mock/traffic`);
        const body = await res.arrayBuffer();
        return [
          { what: 'frames sent', value: String(total) },
          {
            what: 'GET /__mock/traffic',
            value: `${(body.byteLength / 2 ** 20).toFixed(1)} MiB in ${ms(performance.now() - start)}`,
          },
        ];
      }),
  },
  {
    name: 'memory: 150 live-stream subscribers that never read, while traffic flows',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const ws = await open(mock, (await tokens(mock)).get(12) ?? '');
        const frame = wideFrame(32 * 1024);
        for (let sent = 0; sent < 300; sent += 50) {
          const answers = collect(ws, 50, isError);
          for (let i = 0; i < 50; i++) ws.send(frame);
          await answers;
        }
        const statuses = new Map<string, number>();
        const sockets: net.Socket[] = [];
        for (let i = 0; i < 150; i++) {
          const socket = net.connect(mock.port, '127.0.0.1');
          socket.on('error', () => undefined);
          socket.once('data', (chunk: Buffer) => {
            const status = /^HTTP\/1\.1 (\d+)/.exec(chunk.toString())?.[1] ?? '?';
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            socket.pause();
          });
          socket.write(
            `GET /__mock/live HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\nAccept: text/event-stream\r\n\r\n`,
          );
          sockets.push(socket);
        }
        await sleep(1000);
        for (let sent = 0; sent < (ctx.quick ? 200 : 1000); sent += 50) {
          const answers = collect(ws, 50, isError);
          for (let i = 0; i < 50; i++) ws.send(frame);
          await answers;
        }
        await sleep(1000);
        const health = (await (await fetch(`${mock.url}/healthz`)).json()) as { live?: unknown };
        for (const socket of sockets) socket.destroy();
        ws.close();
        return [
          { what: 'subscribers answered', value: [...statuses].map(([s, n]) => `${n} x HTTP ${s}`).join(', ') },
          { what: '/healthz live', value: JSON.stringify(health.live ?? 'not reported') },
        ];
      }),
  },
  {
    name: 'memory: messages of 8 KB from one client, another reading',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const all = await tokens(mock);
        const anna = await open(mock, all.get(12) ?? '');
        const james = await open(mock, all.get(23) ?? '');
        let received = 0;
        james.on('message', (data: Buffer) => {
          if (data.toString().startsWith('{"type":"new_message"')) received++;
        });
        const text = 'я'.repeat(4096);
        const frame = JSON.stringify({
          type: 'new_message',
          content: { chat_type: 'direct', chat_id: '12_23', message: text, reply_to: null },
        });
        const total = ctx.quick ? 50_000 : 1_000_000;
        const window = 64;
        const start = performance.now();
        let acked = 0;
        let sent = 0;
        let closed = false;
        anna.once('close', () => (closed = true));
        await new Promise<void>((resolve) => {
          anna.on('message', (data: Buffer) => {
            if (!data.toString().startsWith('{"type":"new_message"')) return;
            acked++;
            if (acked >= total) return resolve();
            if (sent < total) {
              anna.send(frame);
              sent++;
            }
          });
          anna.once('close', () => resolve());
          for (; sent < Math.min(window, total); sent++) anna.send(frame);
        });
        const elapsed = performance.now() - start;
        await sleep(500);
        const stateStart = performance.now();
        const state = await (await fetch(`${mock.url}/__mock/state`)).arrayBuffer();
        const stateMs = performance.now() - stateStart;
        anna.close();
        james.close();
        return [
          {
            what: 'messages stored and echoed',
            value: `${acked} of ${total}${closed ? ' (the socket closed)' : ''} in ${(elapsed / 1000).toFixed(0)} s`,
          },
          { what: 'the other user received', value: String(received) },
          {
            what: 'GET /__mock/state afterwards',
            value: `${(state.byteLength / 2 ** 20).toFixed(1)} MiB in ${ms(stateMs)}`,
          },
        ];
      }),
  },
  {
    name: 'sockets: 1100 TCP connections that never send a byte, under a 1024 open-file limit',
    run: (ctx) =>
      withMock(
        ctx,
        async (mock) => {
          const token = (await tokens(mock)).get(12) ?? '';
          const silent: net.Socket[] = [];
          for (let i = 0; i < 1100; i++) {
            const socket = net.connect(mock.port, '127.0.0.1');
            socket.on('error', () => undefined);
            silent.push(socket);
          }
          await sleep(500);
          const tryConnect = () =>
            open(mock, token).then(
              (ws) => (ws.close(), 'opened'),
              (err: Error) => err.message,
            );
          const first = await tryConnect();
          const start = performance.now();
          let later = first;
          while (later !== 'opened' && performance.now() - start < 60_000) {
            await sleep(250);
            later = await tryConnect();
          }
          const stillOpen = silent.filter((s) => !s.destroyed && s.readyState === 'open').length;
          for (const socket of silent) socket.destroy();
          return [
            { what: 'a real client, right after', value: first },
            {
              what: 'a real client connects again after',
              value: later === 'opened' ? ms(performance.now() - start) : `not within 60 s (${later})`,
            },
            { what: 'silent sockets the mock still holds then', value: String(stillOpen) },
          ];
        },
        { openFiles: 1024 },
      ),
  },
  {
    name: 'sockets: a ping flood, and a message in 20,000 fragments',
    run: (ctx) =>
      withMock(ctx, async (mock) => {
        const token = (await tokens(mock)).get(12) ?? '';
        const pinger = await open(mock, token);
        let pongs = 0;
        pinger.on('pong', () => pongs++);
        const pingClosed = new Promise<number>((resolve) => pinger.once('close', (code) => resolve(code)));
        for (let i = 0; i < 10_000 && pinger.readyState === WebSocket.OPEN; i++) pinger.ping();
        const pingCode = await Promise.race([pingClosed, sleep(3000).then(() => 0)]);
        pinger.terminate();
        const fragmenter = await open(mock, token);
        const fragClosed = new Promise<number>((resolve) => fragmenter.once('close', (code) => resolve(code)));
        for (let i = 0; i < 20_000 && fragmenter.readyState === WebSocket.OPEN; i++)
          fragmenter.send('{', { fin: false });
        const fragCode = await Promise.race([fragClosed, sleep(3000).then(() => 0)]);
        fragmenter.terminate();
        const health = (await (await fetch(`${mock.url}/healthz`)).json()) as { gateway?: Record<string, unknown> };
        return [
          {
            what: '10,000 pings',
            value: pingCode ? `closed with ${pingCode} after ${pongs} pongs` : `not closed (${pongs} pongs)`,
          },
          { what: '20,000 fragments', value: fragCode ? `closed with ${fragCode}` : 'not closed' },
          {
            what: '/healthz counts',
            value: health.gateway
              ? `pingFloods ${String(health.gateway.pingFloods)}, fragmentFloods ${String(health.gateway.fragmentFloods)}`
              : 'not reported',
          },
        ];
      }),
  },
];
