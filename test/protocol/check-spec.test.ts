import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser, fromFile } from '@asyncapi/parser';
import { checkSpec } from '../../scripts/check-spec.js';
import { ROOT, SPEC_FILE } from '../../scripts/lib/catalogue.js';

describe('npm run check:spec', () => {
  it('passes on asyncapi.yaml: it parses, every example is valid, every invalid fixture is refused', async () => {
    const checks = await checkSpec();
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.filter((c) => c.name.startsWith('example')).length).toBeGreaterThanOrEqual(13);
    expect(checks.filter((c) => c.name.startsWith('invalid fixture')).length).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('fails when the spec has an error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    fs.cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    const broken = fs.readFileSync(SPEC_FILE, 'utf8').replace('    action: receive\n', '    action: listen\n');
    fs.writeFileSync(path.join(dir, 'asyncapi.yaml'), broken);
    const checks = await checkSpec(path.join(dir, 'asyncapi.yaml'));
    expect(checks[0]).toMatchObject({ ok: false });
    expect(checks[0]?.detail).toMatch(/action/);
  }, 60_000);

  it('fails when an example breaks its schema', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    fs.cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    const broken = fs
      .readFileSync(SPEC_FILE, 'utf8')
      .replace(
        "chat_id: '12_23'\n              message: hello world",
        "chat_id: '23_12'\n              message: hello world",
      );
    fs.writeFileSync(path.join(dir, 'asyncapi.yaml'), broken);
    const failed = (await checkSpec(path.join(dir, 'asyncapi.yaml'))).filter((c) => !c.ok);
    expect(failed.map((c) => c.name)).toEqual([expect.stringContaining('protocolDocumentExample')]);
    expect(failed[0]?.detail).toContain('chat_id_order');
  }, 60_000);

  it('the bundled single-file spec parses without errors too', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), path.join(ROOT, 'generated/asyncapi.json')).parse();
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document?.operations().length).toBe(13);
    expect(JSON.stringify(document?.json())).not.toContain('./schemas/');
  }, 60_000);
});
