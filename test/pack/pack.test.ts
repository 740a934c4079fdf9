// `npm pack` for real, and the tarball installed in a new project as a user installs it: it
// builds once, ships a manifest without `prepare` and a minified inspector, leaves the
// repository's package.json as it was, installs without warnings, and works there (the bins, the
// mock with its inspector and docs, the test kit). Prints what the install brings in.
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { BACKUP_NAME } from '../../scripts/pack-manifest.js';
import { figures } from '../hardening/helpers.js';

const run = promisify(execFile);

let work: string;
let tarball: string;
let packOutput: string;
let app: string;
let installOutput: string;
const manifestBefore = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');

/** Runs a command of the installed package in the app (`npx <bin> …`); never throws. */
async function inApp(command: string, args: string[], input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd: app, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-ws-pack-'));
  const packed = await run('npm', ['pack', '--foreground-scripts', '--pack-destination', work], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  packOutput = `${packed.stdout}\n${packed.stderr}`;
  const name = packed.stdout.trim().split('\n').at(-1) ?? '';
  tarball = path.join(work, name);
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
    cwd: app,
    maxBuffer: 16 * 1024 * 1024,
  });
  installOutput = `${installed.stdout}\n${installed.stderr}`;
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('builds once (no prepare after prepack), and puts the repository manifest back as it was', () => {
    expect(packOutput.match(/> chats-ws-protocol@[\d.]+ build\n/g)).toHaveLength(1);
    expect(packOutput).not.toMatch(/> chats-ws-protocol@[\d.]+ prepare/);
    expect(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toBe(manifestBefore);
    expect(fs.existsSync(path.join(ROOT, BACKUP_NAME))).toBe(false);
    expect(fs.existsSync(tarball)).toBe(true);
  });

  it('ships a manifest without prepare, and a minified inspector', async () => {
    const extract = path.join(work, 'extract');
    fs.mkdirSync(extract);
    await run('tar', ['-xzf', tarball, '-C', extract]);
    const manifest = JSON.parse(fs.readFileSync(path.join(extract, 'package/package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(manifest.scripts?.prepare).toBeUndefined();
    expect(manifest.scripts?.prepack).toBeUndefined();
    expect(Object.keys(manifest.bin).sort()).toEqual(['chats-ws-conformance', 'chats-ws-mock', 'chats-ws-protocol']);
    const inspector = fs.readFileSync(path.join(extract, 'package/inspector/dist/inspector.js'), 'utf8');
    expect(inspector.length).toBeGreaterThan(10_000);
    expect(inspector.split('\n').length).toBeLessThan(20); // minified: a few very long lines
    expect(fs.existsSync(path.join(extract, 'package/site/index.html'))).toBe(true);
  });
});

describe('the tarball, installed in a new project', () => {
  it('installs without a warning, and without the repository’s development tools', () => {
    expect(installOutput.split('\n').filter((line) => /npm warn/i.test(line))).toEqual([]);
    const modules = path.join(app, 'node_modules');
    for (const dev of ['typescript', 'vitest', '@asyncapi', 'playwright-core', 'esbuild', 'tsx', '@types'])
      expect(fs.existsSync(path.join(modules, dev)), dev).toBe(false);
    const lock = JSON.parse(fs.readFileSync(path.join(modules, '.package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const packages = Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/')).length;
    const bytes = diskBytes(modules);
    const own = diskBytes(path.join(modules, 'chats-ws-protocol'));
    figures('npm install chats-ws-protocol', {
      packages,
      node_modules_MB: (bytes / 1e6).toFixed(1),
      chats_ws_protocol_MB: (own / 1e6).toFixed(1),
      tarball_kB: (fs.statSync(tarball).size / 1e3).toFixed(0),
    });
    expect(packages).toBeGreaterThan(1);
  });

  it('has working bins: --version, validate, and help texts for an installed package', async () => {
    const version = (JSON.parse(manifestBefore) as { version: string }).version;
    // chats-ws-conformance has no --version yet (conformance/cli.ts is the conformance checker's).
    for (const bin of ['chats-ws-protocol', 'chats-ws-mock']) {
      const r = await inApp('npx', ['--no-install', bin, '--version']);
      expect({ bin, out: r.stdout, code: r.code }).toEqual({ bin, out: `${version}\n`, code: 0 });
    }
    const help = await inApp('npx', ['--no-install', 'chats-ws-conformance', '--help']);
    expect(help.stdout).toContain('npx chats-ws-conformance --url ws://localhost:8000/ws/chats/');
    const mockHelp = await inApp('npx', ['--no-install', 'chats-ws-mock', '--help']);
    expect(mockHelp.stdout).toContain('$ npx chats-ws-mock --state mock-world.json');
    const proxyHelp = await inApp('npx', ['--no-install', 'chats-ws-protocol', 'proxy', '--help']);
    expect(proxyHelp.stdout).toContain('$ npx chats-ws-protocol proxy --upstream ws://localhost:8000/ws/chat/');
    const validate = await inApp(
      'npx',
      ['--no-install', 'chats-ws-protocol', 'validate'],
      '{"type":"set_online","content":{}}\nnot json\n',
    );
    expect(validate.stdout).toContain('2 client frames: 1 valid, 1 invalid (1 not JSON)');
    expect(validate.code).toBe(1);
  }, 120_000);

  it('runs the mock with its inspector and docs, and the test kit against it', async () => {
    const script = `
      import assert from 'node:assert/strict';
      import { startMockServer } from 'chats-ws-protocol/mock';
      import { connectAs } from 'chats-ws-protocol/testing';
      const mock = await startMockServer({ port: 0, bots: false });
      try {
        const anna = await connectAs(mock, 12);
        anna.send({ type: 'new_message', content: { chat_type: 'project', chat_id: 7, message: 'hi', reply_to: null } });
        assert.equal((await anna.next('new_message')).content.message.id, 55);
        for (const page of ['/', '/docs/', '/__mock/users']) {
          const response = await fetch(mock.url + page);
          assert.equal(response.status, 200, page);
        }
      } finally {
        await mock.close();
      }
    `;
    fs.writeFileSync(path.join(app, 'kit.mjs'), script);
    const r = await inApp(process.execPath, ['--no-experimental-websocket', 'kit.mjs']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});

/** The bytes under a folder (`du -sb`). */
const diskBytes = (dir: string): number =>
  Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
