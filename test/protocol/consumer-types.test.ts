// Types as a consumer sees them: compile small files that import "chats-ws-protocol" through the
// package's own exports map (dist/, built by `npm test`'s pretest), with tsc --noEmit.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';

const run = promisify(execFile);
const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const dir = path.join(ROOT, 'test/fixtures/consumer');

async function typecheck(file: string): Promise<{ code: number; output: string }> {
  try {
    // tsc takes either a project or files: write a per-file project that extends the fixture's.
    const project = path.join(dir, `tsconfig.${file}.json`);
    fs.writeFileSync(project, JSON.stringify({ extends: './tsconfig.json', files: [file] }));
    try {
      await run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: dir });
    } finally {
      fs.rmSync(project, { force: true });
    }
    return { code: 0, output: '' };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/protocol/index.d.ts'))) {
    await run(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  }
}, 120_000);

describe('the public types, as a consumer compiles them', () => {
  it('accept code that narrows ServerEvent by type and ClientEvent by chat_type', async () => {
    const result = await typecheck('good.ts');
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('refuse every line that breaks the contract', async () => {
    const result = await typecheck('bad.ts');
    expect(result.code).not.toBe(0);
    const source = fs.readFileSync(path.join(dir, 'bad.ts'), 'utf8').split('\n');
    const badLines = source.flatMap((line, i) => (line.includes('// BAD') ? [i + 1] : []));
    const errorLines = [...result.output.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]));
    expect(badLines).toHaveLength(4);
    for (const line of badLines)
      expect(errorLines, `line ${line} of bad.ts must not type-check:\n${result.output}`).toContain(line);
    expect(result.output).toMatch(/'text' does not exist/);
  }, 60_000);
});
