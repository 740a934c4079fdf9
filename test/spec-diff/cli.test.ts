// `chats-ws-protocol diff` as a user runs it: exit codes, the three formats, bad input, and the CI
// gate (.ci/spec-diff) in a repository of its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, runDiff } from '../../spec-diff/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { tempRepo, type TempRepo } from './git-repo.js';

const FIXTURE = 'protocols/v2/asyncapi.yaml';
/** The working spec's info.version (the tests read it rather than repeat it). */
const V1 = /^  version: (\S+)$/m.exec(fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8'))?.[1] ?? '?';
const escaped = V1.replace(/\./g, '\\.');

const run = (command: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) =>
  spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
  });
const cli = (args: string[], cwd = ROOT) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), 'diff', ...args], cwd);

/** The command's work in process (what the spawned command runs after parsing its options). */
function inProcess(base: string, revision: string, options: Partial<Parameters<typeof runDiff>[2]> = {}) {
  let stdout = '';
  let stderr = '';
  const status = runDiff(
    base,
    revision,
    { format: 'text', failOn: 'breaking', ...options },
    { out: (s) => (stdout += s), err: (s) => (stderr += s), cwd: ROOT },
  );
  return { stdout, stderr, status };
}

describe('chats-ws-protocol diff', () => {
  it('identical specs: no findings, exit 0', () => {
    const r = cli(['asyncapi.yaml', 'asyncapi.yaml']);
    expect(r.stdout).toBe(
      [
        'Protocol diff',
        `  base      asyncapi.yaml, version ${V1}`,
        `  revision  asyncapi.yaml, version ${V1}`,
        '  0 breaking, 0 non-breaking, 0 info; the changes need no bump, the version made no bump',
        '',
        'No changes.',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = inProcess('asyncapi.yaml', 'asyncapi.yaml', { json: true, failOn: 'info' });
    expect(JSON.parse(json.stdout)).toMatchObject({ findings: [], summary: { breaking: 0, nonBreaking: 0, info: 0 } });
    expect(json.status).toBe(0);
  });

  it('the later dialect: text grouped by severity, exit 1 on breaking changes, 0 with --semver (2.0.0 announces them)', () => {
    const r = cli(['asyncapi.yaml', FIXTURE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Protocol diff\\n  base      asyncapi\\.yaml, version ${escaped}\\n  revision  protocols\\/v2\\/asyncapi\\.yaml, version 2\\.0\\.0\\n  18 breaking, \\d+ non-breaking, \\d+ info; the changes need a major bump, the version made a major bump\\n`,
      ),
    );
    const sections = [...r.stdout.matchAll(/^(BREAKING CHANGES|NON-BREAKING CHANGES|INFO) \((\d+)\)$/gm)].map(
      (m) => m[1],
    );
    expect(sections).toEqual(['BREAKING CHANGES', 'NON-BREAKING CHANGES', 'INFO']);
    expect(r.stdout).toContain(
      [
        '  property.removed: breaks clients and servers',
        '    client -> server new_message /content/message (receiveNewMessage, clientNewMessage)',
        '    The required field "message" was removed (renamed to "text"?): clients built against the base still send it, and the revision refuses unknown fields; servers built against the base require it',
      ].join('\n'),
    );
    expect(cli(['asyncapi.yaml', FIXTURE, '--semver']).status).toBe(0);
    expect(inProcess('asyncapi.yaml', FIXTURE, { semver: true, failOn: 'info' }).status).toBe(0);
    expect(inProcess(FIXTURE, 'asyncapi.yaml', { semver: true }).status).toBe(1);
  });

  it('--json prints the report: sides, summary and every finding with id, severity, breaks, where and reason', () => {
    const r = inProcess('asyncapi.yaml', FIXTURE, { format: 'json' });
    const report = JSON.parse(r.stdout) as {
      base: unknown;
      revision: unknown;
      summary: Record<string, unknown>;
      findings: Record<string, unknown>[];
    };
    expect(report.base).toEqual({ source: 'asyncapi.yaml', version: V1 });
    expect(report.revision).toEqual({ source: FIXTURE, version: '2.0.0' });
    expect(report.summary).toMatchObject({ breaking: 18, requiredBump: 'major', actualBump: 'major' });
    expect(report.findings).toContainEqual({
      id: 'property.added',
      severity: 'breaking',
      breaks: 'both',
      where: {
        direction: 'client-to-server',
        event: 'new_message',
        operation: 'receiveNewMessage',
        message: 'clientNewMessage',
        pointer: '/content/file_urls',
      },
      reason:
        'A new required field "file_urls": clients built against the base do not send it; servers built against the base refuse unknown fields here (additionalProperties: false)',
    });
    expect(r.status).toBe(1);
  });

  it('--format markdown: a self-contained changelog with a section per severity', () => {
    const r = inProcess('asyncapi.yaml', FIXTURE, { format: 'markdown', failOn: 'info' });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`# Protocol changes: ${V1} → 2.0.0`);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Breaking changes (18)',
      expect.stringMatching(/^## Non-breaking changes \(\d+\)$/),
      expect.stringMatching(/^## Info \(\d+\)$/),
    ]);
    expect(r.stdout).toContain('| Where | Breaks | Change | Check |\n| --- | --- | --- | --- |\n');
    expect(r.stdout).toContain(
      '| client -> server `new_message` `/content/chat_id` [`chat_type=project`] (receiveNewMessage, clientNewMessage) | clients and servers | Type changed: content.chat\\_id was integer and is string | `type.changed` |',
    );
    // every table row has the four cells
    for (const line of lines.filter((l) => l.startsWith('| ') && !l.startsWith('| ---')))
      expect(line.replace(/\\\|/g, '').split('|').length, line).toBe(6);
    const same = inProcess('asyncapi.yaml', 'asyncapi.yaml', { format: 'markdown' });
    expect(same.stdout).toContain('## Breaking changes (0)\n\nNone.\n');
  });

  it('a broken $ref: exit 2 and a message naming the file, the ref and where it is written', () => {
    fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, 'test-output', 'spec-diff-'));
    const rel = path.relative(ROOT, dir);
    try {
      fs.cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
      const spec = fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8');
      fs.writeFileSync(
        path.join(dir, 'asyncapi.yaml'),
        spec.replace('./schemas/server/user_typing.json', './schemas/server/user-typing.json'),
      );
      const r = cli(['asyncapi.yaml', `${rel}/asyncapi.yaml`]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `chats-ws-protocol diff: cannot read the revision ${rel}/asyncapi.yaml: ${rel}/schemas/server/user-typing.json: no such file (the $ref "./schemas/server/user-typing.json" in asyncapi.yaml at /components/messages/serverUserTyping/payload) [file_not_found]\n`,
      );
      expect(r.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown git ref or a missing file: exit 2', () => {
    const r = cli(['git:no-such-ref', 'asyncapi.yaml']);
    expect(r.stderr).toBe(
      'chats-ws-protocol diff: cannot read the base git:no-such-ref: unknown git ref "no-such-ref" in this repository [git_ref_unknown]\n',
    );
    expect(r.status).toBe(2);
    expect(inProcess('asyncapi.yaml', 'nope.yaml').stderr).toBe(
      'chats-ws-protocol diff: cannot read the revision nope.yaml: nope.yaml: no such file [file_not_found]\n',
    );
  });

  it('a wrong command line: exit 2', () => {
    expect(cli(['asyncapi.yaml']).status).toBe(2);
    const bad = cli(['asyncapi.yaml', 'asyncapi.yaml', '--fail-on', 'minor']);
    expect(bad.stderr).toContain("argument 'minor' is invalid. Allowed choices are breaking, non-breaking, info.");
    expect(bad.status).toBe(2);
  });

  it('--help shows the options, examples and exit codes; --list-checks every check', () => {
    const help = cli(['--help']);
    for (const word of ['--format', '--json', '--fail-on', '--semver', '--list-checks', 'git:<ref>', 'Exit codes'])
      expect(help.stdout).toContain(word);
    expect(help.status).toBe(0);
    const list = cli(['--list-checks']);
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(CHECKS.map((c) => c.id));
    const root = run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli.ts'), '--help']);
    expect(root.stdout).toMatch(/^\s+diff \[options\] \[base\] \[revision\]\s+compare two versions of the spec/m);
  });
});

describe('.ci/spec-diff, the CI gate, in a repository of its own', () => {
  let repo: TempRepo;
  const gate = () => run('bash', [path.join(repo.dir, '.ci/spec-diff')], repo.dir);
  const setVersionAndAddress = (version: string, address: string) => {
    const spec = fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8');
    repo.write(
      'asyncapi.yaml',
      spec.replace(/^  version: \S+$/m, `  version: ${version}`).replace('address: /ws/chats/', `address: ${address}`),
    );
  };

  beforeAll(() => {
    repo = tempRepo();
    for (const entry of [
      'package.json',
      'cli.ts',
      'cli',
      'mock-server/paths.ts',
      'asyncapi.yaml',
      'schemas',
      'spec-diff',
      'protocol',
      'generated',
      '.ci/spec-diff',
    ])
      fs.cpSync(path.join(ROOT, entry), path.join(repo.dir, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo.dir, 'node_modules'));
    repo.write('.gitignore', 'node_modules\n');
    setVersionAndAddress('1.0.0', '/ws/chats/');
    repo.commit('v1');
  });
  afterAll(() => repo.remove());

  it('without a tag or origin/main: says so and succeeds', () => {
    const r = gate();
    expect(r.stdout).toBe('spec diff: skipped: no base to compare with (no release tag v*, no origin/main)\n');
    expect(r.status).toBe(0);
  });

  it('against origin/main: an unannounced breaking change fails, a major bump passes', () => {
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    setVersionAndAddress('1.1.0', '/ws/chat/');
    const r = gate();
    expect(r.stdout).toContain('spec diff: git:origin/main -> asyncapi.yaml (the working tree)\n');
    expect(r.stdout).toContain('  version.bump-too-small\n    /info/version\n');
    expect(r.stdout).toContain(
      'info.version made a minor bump (1.0.0 -> 1.1.0), but breaking changes need a major bump: 2.0.0 or later',
    );
    expect(r.stdout).toContain('spec diff: FAILED');
    expect(r.status).toBe(1);
    setVersionAndAddress('2.0.0', '/ws/chat/');
    expect(gate().status).toBe(0);
  });

  it('prefers the last release tag, and writes the markdown changelog to the GitHub job summary', () => {
    setVersionAndAddress('1.0.0', '/ws/chats/');
    repo.commit('back to v1');
    repo.git('tag', 'v0.1.0');
    setVersionAndAddress('1.0.0', '/ws/chat/');
    const summary = path.join(repo.dir, 'summary.md');
    const r = run('bash', [path.join(repo.dir, '.ci/spec-diff')], repo.dir, { GITHUB_STEP_SUMMARY: summary });
    expect(r.stdout).toContain('spec diff: git:v0.1.0 -> asyncapi.yaml (the working tree)\n');
    expect(r.status).toBe(1);
    const markdown = fs.readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^# Protocol changes: 1\.0\.0 → 1\.0\.0\n/);
    expect(markdown).toContain('`channel.address-changed`');
  });
});
