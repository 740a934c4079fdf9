// The package's root command, as a user runs it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('chats-ws-protocol validate', () => {
  it("accepts the protocol document's example and exits 0", () => {
    const r = cli(
      ['validate'],
      '{"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"hello world","reply_to":54}}',
    );
    expect(r.stdout).toContain('frame 1: valid new_message');
    expect(r.status).toBe(0);
  });
  it('lists each problem of each invalid frame in JSON lines and exits 1', () => {
    const lines = [
      '{"type":"user_typing","content":{"chat_type":"direct","chat_id":"23_12"}}',
      '{"type":"set_online","content":{}}',
    ].join('\n');
    const r = cli(['validate'], lines);
    expect(r.stdout).toContain('frame 1: INVALID');
    expect(r.stdout).toContain('/content/chat_id  chat_id_order');
    expect(r.stdout).toContain('frame 2: valid set_online');
    expect(r.status).toBe(1);
  });
  it('validates server frames with --server', () => {
    const r = cli(['validate', '--server'], '{"type":"set_online","content":{"user_id":23}}');
    expect(r.status).toBe(0);
  });
  it('has a --help that names every command', () => {
    const r = cli(['--help']);
    for (const word of ['mock', 'conformance', 'validate', 'Examples']) expect(r.stdout).toContain(word);
  });
});
