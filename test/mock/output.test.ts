// The command line's buffered log (mock-server/traffic/output.ts): lines are batched, never lost —
// on exit, on Ctrl-C, on a crash — and a reader that goes away ends the output, not the process.
import { spawn, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FLUSH_BYTES, FLUSH_MS, bufferedOutput } from '../../mock-server/traffic/output.js';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { runMockCli } from './cli-process.js';

const OUTPUT = new URL('../../mock-server/traffic/output.ts', import.meta.url).href;

/** Runs `body` (JavaScript, with bufferedOutput and flushOnExit imported) in a new Node process. */
function runScript(body: string) {
  const code = `import { bufferedOutput, flushOnExit } from ${JSON.stringify(OUTPUT)};\n${body}`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 2 ** 20,
  });
}

describe('bufferedOutput', () => {
  it('writes a batch, not a line at a time, and all of it', async () => {
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const output = bufferedOutput(stream);
    for (let i = 0; i < 100; i++) output.write(`line ${i}\n`);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 2));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split('\n').filter(Boolean)).toHaveLength(100);
  });

  it('writes at once when FLUSH_BYTES have gathered', () => {
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const output = bufferedOutput(stream);
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < FLUSH_BYTES / 100 + 1; i++) output.write(line);
    expect(writes.join('').length).toBeGreaterThanOrEqual(FLUSH_BYTES);
  });

  it('keeps lines whole and in order, a line longer than a batch and characters of several bytes included', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const output = bufferedOutput(stream);
    const lines = [
      'короткая строка 🙂\n',
      `${'я'.repeat(FLUSH_BYTES)}\n`,
      `${'x'.repeat(FLUSH_BYTES - 10)}\n`,
      `${'日本'.repeat(30_000)}\n`,
      'the end\n',
    ];
    for (let round = 0; round < 3; round++) for (const line of lines) output.write(line);
    output.flushSync();
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(lines.join('').repeat(3));
  });

  it('loses nothing when the process exits, or crashes', () => {
    const exit = runScript(
      `const out = bufferedOutput(); flushOnExit(out, 't');\nfor (let i = 0; i < 20000; i++) out.write('line ' + i + '\\n');\nprocess.exit(0);`,
    );
    expect(exit.stdout.split('\n').filter(Boolean)).toHaveLength(20_000);
    const crash = runScript(
      `const out = bufferedOutput(); flushOnExit(out, 't');\nfor (let i = 0; i < 20000; i++) out.write('line ' + i + '\\n');\nsetTimeout(() => { throw new Error('boom'); }, 1);`,
    );
    expect(crash.status).toBe(1);
    expect(crash.stdout.split('\n').filter(Boolean)).toHaveLength(20_000);
    expect(crash.stderr).toMatch(/^t: crashed: Error: boom/);
  });

  it('ends the output, not the process, when the reader goes away', () => {
    // `… | head -1`: the reader closes after one line; the writer goes on and exits normally.
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" --import tsx --input-type=module -e "import { bufferedOutput, flushOnExit } from '${OUTPUT}'; const out = bufferedOutput(); flushOnExit(out, 't'); let i = 0; const t = setInterval(() => { for (let k = 0; k < 2000; k++) out.write('line ' + i++ + '\\\\n'); if (i >= 200000) { clearInterval(t); console.error('done'); } }, 5);" | head -1`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stdout).toBe('line 0\n');
    expect(result.stderr).toContain('done');
    expect(result.stderr).not.toMatch(/EPIPE|crashed/);
  });
});

describe('the mock as npm run mock starts it', () => {
  it('writes every frame line, and nothing is lost on Ctrl-C', async () => {
    const cli = runMockCli(['--port', '0', '--no-bots']);
    const [, url] = (await cli.waitFor(/listening on (http:\/\/\S+)/)) as RegExpMatchArray;
    const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
    const token = users.find((u) => u.id === 12)?.token ?? '';
    const ws = new WebSocket(`${url?.replace('http', 'ws')}/ws/chats/`, ['Bearer', token]);
    await new Promise((resolve) => ws.once('open', resolve));
    const count = 300;
    let echoed = 0;
    const all = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        if (data.toString().startsWith('{"type":"new_message"') && ++echoed === count) resolve();
      }),
    );
    for (let i = 0; i < count; i++)
      ws.send(
        JSON.stringify({
          type: 'new_message',
          content: { chat_type: 'project', chat_id: 7, message: `line-test ${i}`, reply_to: null },
        }),
      );
    await all;
    // A line shows up while the mock runs, within the flush period, without anything else happening.
    await cli.waitFor(/"line-test 0"/, 5000);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    const lines = stdout.split('\n');
    expect(lines.filter((l) => /\bin \s.*new_message/.test(l) && l.includes('line-test'))).toHaveLength(count);
    expect(lines.filter((l) => /\bout\s.*new_message/.test(l) && l.includes('line-test'))).toHaveLength(count);
    ws.terminate();
  }, 60_000);
});
