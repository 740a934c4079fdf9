// The package's root command, as a user runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { binArgs } from '../helpers/bin.js';

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [...binArgs('cli.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });

/** What JSON.parse says about `text`, in this Node version's words. */
const jsonError = (text: string): string => {
  try {
    JSON.parse(text);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('chats-ws-protocol validate', () => {
  it("accepts the protocol document's example and exits 0", () => {
    const r = cli(
      ['validate'],
      '{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"hello world","reply_to":54}}',
    );
    expect(r.stdout).toContain('frame 1: valid new_message');
    expect(r.status).toBe(0);
  });
  it('gives JSON lines a verdict per line, goes on past a line that is not JSON, sums up, and exits 1', () => {
    const lines = [
      '{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}',
      '{"type":"set_online","content":{}}',
      '',
      'not json at all',
      '{"type":"edit_message","content":{}}',
      '{"type":"new_message","content":{"chat_type":"project","chat_id":7,"message":"hi","reply_to":null}}',
    ].join('\n');
    const r = cli(['validate'], `${lines}\n`);
    expect(r.stdout).toBe(
      [
        'line 1: INVALID user_typing',
        '  /content/chat_id  chat_id_order  Chat id "23_12" is not in the format of <user1_id>_<user2_id>, where user1_id < user2_id',
        'line 2: valid set_online',
        `line 4: NOT JSON  ${jsonError('not json at all')}`,
        'line 5: INVALID edit_message',
        '  /type  unknown_event_type  Unknown event type "edit_message": expected one of "delete_message", "message_read", "new_message", "set_offline", "set_online", "user_typing"',
        'line 6: valid new_message',
        '5 client frames: 2 valid, 3 invalid (1 not JSON)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
  it('reads a file, and a JSON array of frames, with a verdict per frame', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
    try {
      const file = path.join(dir, 'frames.json');
      fs.writeFileSync(
        file,
        JSON.stringify([
          { type: 'set_online', content: {} },
          { type: 'set_offline', content: {} },
        ]),
      );
      const r = cli(['validate', file]);
      expect(r.stdout).toBe(
        'frame 1: valid set_online\nframe 2: valid set_offline\n2 client frames: 2 valid, 0 invalid\n',
      );
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses empty input (exit 2) and a file that does not exist, saying which', () => {
    const empty = cli(['validate'], '\n  \n');
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('chats-ws-protocol validate: stdin holds no frames\n');
    expect(empty.status).toBe(2);
    const missing = cli(['validate', '/nonexistent/frames.jsonl']);
    expect(missing.stderr).toContain("ENOENT: no such file or directory, open '/nonexistent/frames.jsonl'");
    expect(missing.status).toBe(2);
  });
  it('validates server frames with --server', () => {
    const r = cli(['validate', '--server'], '{"type":"set_online","content":{"user_id":23}}');
    expect(r.status).toBe(0);
  });
  it('has a --help that names every command', () => {
    const r = cli(['--help']);
    for (const word of ['mock', 'conformance', 'validate', 'Examples', '--version']) expect(r.stdout).toContain(word);
  });
  it('--version prints the version of the package', () => {
    const r = cli(['--version']);
    expect(r.stdout).toBe(
      `${(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    expect(r.status).toBe(0);
  });
  it('answers a mistyped command with the suggestion and one line pointing to --help', () => {
    const r = cli(['valdate']);
    expect(r.stderr).toBe(
      "error: unknown command 'valdate'\n(Did you mean validate?)\n(chats-ws-protocol --help lists every command)\n",
    );
    expect(r.status).toBe(1);
  });
});
