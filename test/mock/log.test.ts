// The console log: one readable line per frame, JSON records, and never a whole token.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../mock-server/traffic/log.js';
import { connect, settle, startTestServer, tokenOf } from './helpers.js';
import { refusedStatus, wsUrlOf } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const names: Record<number, string> = { 12: 'Анна', 23: 'James' };

describe('pretty lines', () => {
  it('shows time, direction, user, type and verdict', () => {
    const out: string[] = [];
    const logger = createLogger({
      mode: 'pretty',
      nameOf: (id) => names[id],
      stdout: (t) => out.push(t),
      color: false,
    });
    logger.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'new_message',
      valid: true,
      problems: [],
    });
    logger.frame({
      direction: 'out',
      userIds: [12, 23],
      connections: 3,
      source: 'socket',
      type: 'new_message',
      valid: true,
      problems: [],
    });
    logger.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'new_message',
      valid: false,
      problems: [{ pointer: '/content/reply_to', code: 'missing_field', message: 'content.reply_to is required' }],
    });
    logger.frame({
      direction: 'out',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'error',
      valid: true,
      problems: [],
      errorCode: 'not_chat_member',
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
    });
    const lines = out.map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{3} {2}/, '').trimEnd());
    expect(lines).toEqual([
      'in  user 12 (Анна)  new_message  valid',
      'out users 12 (Анна), 23 (James)  new_message  valid',
      'in  user 12 (Анна)  new_message  INVALID content.reply_to is required',
      'out user 12 (Анна)  error not_chat_member  valid',
      'in  user 12 (Анна)  (no type)  INVALID The frame is not valid JSON',
    ]);
  });

  it('json mode writes one pino record per frame; silent writes only errors', () => {
    const out: string[] = [];
    const json = createLogger({ mode: 'json', nameOf: () => undefined, stdout: (t) => out.push(t) });
    json.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'set_online',
      valid: true,
      problems: [],
    });
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
    silent.frame({
      direction: 'in',
      userIds: [12],
      connections: 1,
      source: 'socket',
      type: 'set_online',
      valid: true,
      problems: [],
    });
    silent.info('hello');
    silent.error('BUG: something');
    expect(quiet).toEqual([]);
    expect(errors[0]).toMatch(/ERROR BUG: something/);
  });
});

describe('a running server in pretty mode', () => {
  it('logs connections with the token masked, and frames, never a whole token', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const server = await startTestServer({ log: 'pretty' });
    try {
      const token = tokenOf(server, 12);
      const anna = await connect(server, 12, { way: 'query' });
      anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
      await settle(anna);
      const wrong = 'not-a-token-0123456789abcdefghijklmnopqrstuvwxyz';
      await refusedStatus(`${wsUrlOf(server)}?token=${wrong}`);
      await anna.close();
      const text = written.join('');
      expect(text).not.toContain(token);
      expect(text).not.toContain(wrong);
      expect(text).toContain(`token ${token.slice(0, 6)}…`);
      expect(text).toMatch(/connect {2}user 12 \(Анна\) {2}conn c1 {2}via query/);
      expect(text).toMatch(/in {2}user 12 \(Анна\) {2}user_typing {2}valid/);
      expect(text).toMatch(/refused .*token not-a-…/);
    } finally {
      await server.close();
    }
  });
});
