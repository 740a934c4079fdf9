// The console log: one readable line per frame, JSON records, and never a whole token.
import { Writable } from 'node:stream';
import { WriteStream } from 'node:tty';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FrameLine, createLogger } from '../../mock-server/traffic/log.js';
import { colorsFor } from '../../mock-server/style.js';
import { connect, settle, startTestServer, tokenOf } from './helpers.js';
import { refusedStatus, until, wsUrlOf } from './helpers.js';

const names: Record<number, string> = { 5: 'Eric', 12: 'Анна', 23: 'James' };

/** User 12's set_online, as a frame line. */
const SET_ONLINE_IN: FrameLine = {
  direction: 'in',
  userIds: [12],
  connections: 1,
  source: 'socket',
  type: 'set_online',
  valid: true,
  problems: [],
};

describe('pretty lines', () => {
  it('show time, direction, who acted, type, chat, a preview of the text, and the verdict', () => {
    const out: string[] = [];
    const logger = createLogger({
      mode: 'pretty',
      nameOf: (id) => names[id],
      stdout: (t) => out.push(t),
      color: false,
    });
    const hello = { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 };
    logger.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'new_message',
      valid: true,
      problems: [],
      frame: { type: 'new_message', content: hello },
    });
    logger.frame({
      direction: 'out',
      userIds: [12, 23],
      actor: 12,
      connections: 3,
      source: 'socket',
      type: 'new_message',
      valid: true,
      problems: [],
      frame: {
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: { id: 55, text: 'hello world\nand a second line' } },
      },
    });
    logger.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'new_message',
      valid: false,
      problems: [{ pointer: '/content/reply_to', code: 'missing_field', message: 'content.reply_to is required' }],
      frame: { type: 'new_message', content: { chat_type: 'project', chat_id: 7, message: 'x'.repeat(100) } },
    });
    logger.frame({
      direction: 'out',
      userIds: [12],
      actor: 12,
      connections: 1,
      source: 'socket',
      type: 'error',
      valid: true,
      problems: [],
      errorCode: 'not_chat_member',
      frame: { type: 'error', content: { code: 'not_chat_member', event_type: 'user_typing' } },
    });
    logger.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: null,
      valid: false,
      problems: [],
      reason: 'The frame is not valid JSON',
      frame: '{oops',
    });
    logger.frame({
      direction: 'out',
      userIds: [12, 23, 31],
      actor: null,
      connections: 3,
      source: 'emit',
      type: 'set_online',
      valid: true,
      problems: [],
      frame: { type: 'set_online', content: { user_id: 31 } },
    });
    const lines = out.map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{3} {2}/, '').trimEnd());
    expect(lines).toEqual([
      'in   user 12 (Анна)               new_message    12_23      "hello world"  valid',
      'out  user 12 (Анна) → 2 users     new_message    12_23      #55 "hello world\\nand a second line"  valid',
      `in   user 12 (Анна)               new_message    project 7  "${'x'.repeat(39)}…"  INVALID content.reply_to is required`,
      'out  user 12 (Анна) → self        error                     not_chat_member (to user_typing)  valid',
      'in   user 12 (Анна)               (no type)                 INVALID The frame is not valid JSON',
      'out  [emit] → 3 users             set_online                user 31  valid',
    ]);
  });

  it('tag the bot on the user who acted, not on the recipient', () => {
    const out: string[] = [];
    const logger = createLogger({ mode: 'pretty', nameOf: (id) => names[id], stdout: (t) => out.push(t) });
    const typing = { type: 'user_typing', content: { chat_type: 'direct', chat_id: '5_12', user_id: 5 } };
    logger.frame({
      direction: 'in',
      userIds: [5],
      connections: 0,
      source: 'bot',
      type: 'user_typing',
      valid: true,
      problems: [],
      frame: typing,
    });
    logger.frame({
      direction: 'out',
      userIds: [12],
      actor: 5,
      connections: 1,
      source: 'bot',
      type: 'user_typing',
      valid: true,
      problems: [],
      frame: typing,
    });
    const lines = out.map((l) => l.slice(14).trimEnd());
    expect(lines).toEqual([
      'in   user 5 (Eric) [bot]          user_typing    5_12       valid',
      'out  user 5 (Eric) [bot] → user 12 (Анна) user_typing    5_12       valid',
    ]);
  });

  it('are coloured only when asked, through escape codes around the parts', () => {
    const plain: string[] = [];
    const coloured: string[] = [];
    createLogger({ mode: 'pretty', nameOf: () => undefined, stdout: (t) => plain.push(t) }).frame(SET_ONLINE_IN);
    createLogger({ mode: 'pretty', nameOf: () => undefined, stdout: (t) => coloured.push(t), color: true }).frame(
      SET_ONLINE_IN,
    );
    expect(plain[0]).not.toContain('\u001b[');
    expect(coloured[0]).toContain('\u001b[32mvalid\u001b[39m');
    // the same line once the codes are taken out (the clock aside)
    expect(coloured[0]?.replace(/\u001b\[\d+m/g, '').slice(12)).toBe(plain[0]?.slice(12));
  });

  it('json mode writes one pino record per frame; silent writes only errors', () => {
    const out: string[] = [];
    const json = createLogger({ mode: 'json', nameOf: () => undefined, stdout: (t) => out.push(t) });
    json.frame(SET_ONLINE_IN);
    const record = JSON.parse(out[0] ?? '{}');
    expect(record).toMatchObject({
      level: 30,
      kind: 'frame',
      direction: 'in',
      user_ids: [12],
      type: 'set_online',
      valid: true,
    });
    const quiet: string[] = [];
    const errors: string[] = [];
    const silent = createLogger({
      mode: 'silent',
      nameOf: () => undefined,
      stdout: (t) => quiet.push(t),
      stderr: (t) => errors.push(t),
      color: false,
    });
    silent.frame(SET_ONLINE_IN);
    silent.info('hello');
    silent.error('BUG: something');
    expect(quiet).toEqual([]);
    expect(errors[0]).toMatch(/ERROR BUG: something/);
  });
});

describe('a running server in pretty mode', () => {
  it('logs connections with the token masked, and frames, never a whole token', async () => {
    const written: string[] = [];
    const server = await startTestServer({ log: 'pretty', logTo: (text) => written.push(text) });
    try {
      const token = tokenOf(server, 12);
      const anna = await connect(server, 12, { way: 'query' });
      anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
      anna.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
      });
      await settle(anna);
      const wrong = 'not-a-token-0123456789abcdefghijklmnopqrstuvwxyz';
      await refusedStatus(`${wsUrlOf(server)}?token=${wrong}`);
      await anna.close();
      await until(() => written.join('').includes('disconnect'));
      const text = written.join('');
      expect(text).not.toContain(token);
      expect(text).not.toContain(wrong);
      expect(text).not.toContain('\u001b[');
      expect(text).toContain(`token ${token.slice(0, 6)}…`);
      expect(text).toMatch(/connect {2}user 12 \(Анна\) {2}conn c1 {2}via query/);
      expect(text).toMatch(/ in {3}user 12 \(Анна\) +user_typing +12_23 +valid\n/);
      expect(text).toMatch(/ in {3}user 12 \(Анна\) +new_message +12_23 +"hello world" {2}valid\n/);
      expect(text).toMatch(/ out {2}user 12 \(Анна\) → self +new_message +12_23 +#55 "hello world" {2}valid\n/);
      expect(text).toMatch(/refused .*token not-a-…/);
    } finally {
      await server.close();
    }
  });

  it("puts a bot's tag on the bot that acted, on its frames in and out", async () => {
    const written: string[] = [];
    const server = await startTestServer({
      log: 'pretty',
      logTo: (text) => written.push(text),
      bots: true,
      botSpeed: 0.01,
    });
    try {
      const anna = await connect(server, 12);
      anna.send({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '10_12', message: 'привет', reply_to: null },
      });
      await anna.next((f) => f.type === 'new_message' && f.content.message.author.id === 10, 10_000);
      await anna.close();
      const lines = written.join('').split('\n');
      const bot = lines.filter((l) => l.includes('[bot]'));
      expect(bot.length).toBeGreaterThan(0);
      for (const line of bot) expect(line).toMatch(/ (in {3}|out {2})user 10 \(\S+\) \[bot\]/);
      expect(bot.some((l) => / out {2}user 10 \(\S+\) \[bot\] → user 12 \(Анна\) +user_typing +10_12/.test(l))).toBe(
        true,
      );
    } finally {
      await server.close();
    }
  });
});

describe('colours', () => {
  // Node also reads TERM and CI (a CI it does not know gets no colours): each test says its own.
  const NAMES = ['NO_COLOR', 'FORCE_COLOR', 'TERM', 'CI'] as const;
  const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  const setEnv = (name: (typeof NAMES)[number], value: string | undefined): void => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  beforeEach(() => {
    setEnv('TERM', 'xterm-256color');
    setEnv('CI', undefined);
  });
  afterEach(() => {
    for (const name of NAMES) setEnv(name, saved[name]);
  });
  /** A stream that says what a colour terminal says, with Node's own reading of NO_COLOR & co. */
  const terminal = (): Writable => {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done() });
    Object.assign(stream, { isTTY: true, getColorDepth: WriteStream.prototype.getColorDepth });
    return stream;
  };

  it('follow Node: a terminal gets them, unless NO_COLOR; a pipe does not, unless FORCE_COLOR', () => {
    setEnv('FORCE_COLOR', undefined);
    setEnv('NO_COLOR', undefined);
    expect(colorsFor(terminal())).toBe(true);
    expect(colorsFor(new Writable())).toBe(false);
    expect(colorsFor(undefined)).toBe(false);
    setEnv('NO_COLOR', '1');
    expect(colorsFor(terminal())).toBe(false);
    setEnv('NO_COLOR', undefined);
    setEnv('FORCE_COLOR', '1');
    expect(colorsFor(new Writable())).toBe(true);
  });
});
