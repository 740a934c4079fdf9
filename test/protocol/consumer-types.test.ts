// The package as a consumer gets it: its files as `npm pack` ships them, in a new project outside
// this repository, type-checked with skipLibCheck: false, and the README's TypeScript run on this
// Node (20: no global WebSocket) as it is written.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/catalogue.js';
import {
  type Consumer,
  TSC,
  createConsumer,
  packedFiles,
  runtimeDependencyDirs,
  typecheck,
  typescriptBlocks,
} from '../helpers/consumer.js';

const run = promisify(execFile);
const FIXTURES = path.join(ROOT, 'test/fixtures/consumer');
const README_BLOCKS = typescriptBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
const README_FILES = README_BLOCKS.map((_, i) => `readme-${i + 1}.ts`);

/** A Node project: the package, its runtime dependencies, @types/node. */
let node: Consumer | undefined;
/** A browser project's view of the types: the package alone, no @types/node. */
let bare: Consumer | undefined;
/** One tsc run per project: good.ts and bad.ts in the bare one; the README's blocks and kit-bad.ts in the Node one. */
let bareCheck = '';
let nodeCheck = '';

/** tsc's errors in `file`, as `file(line,column): error …` lines. */
const errorsIn = (file: string, output: string): string[] =>
  output.split('\n').filter((line) => line.startsWith(`${file}(`));

/** tsc's errors in any other file than `file`. */
const errorsBesides = (file: string, output: string): string[] =>
  output.split('\n').filter((line) => line.trim() && !line.startsWith(`${file}(`) && !line.startsWith(' '));

/** The lines of a fixture marked `// BAD`, and whether tsc refused each one. */
function badLines(file: string, output: string): { line: number; refused: boolean }[] {
  const refused = new Set(errorsIn(file, output).map((line) => Number(line.slice(file.length + 1).split(',')[0])));
  return fs
    .readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .flatMap((text, i) => (text.includes('// BAD') ? [{ line: i + 1, refused: refused.has(i + 1) }] : []));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/testing/index.d.ts')))
    await run(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  const files = await packedFiles();
  node = await createConsumer({ dependencies: true, nodeTypes: true }, files);
  bare = await createConsumer({ dependencies: false, nodeTypes: false }, files);
  for (const file of ['good.ts', 'bad.ts']) fs.copyFileSync(path.join(FIXTURES, file), path.join(bare.dir, file));
  fs.copyFileSync(path.join(FIXTURES, 'kit-bad.ts'), path.join(node.dir, 'kit-bad.ts'));
  README_BLOCKS.forEach((code, i) => fs.writeFileSync(path.join(node?.dir ?? '', README_FILES[i] ?? ''), code));
  // Both at once: they are independent, and skipLibCheck: false makes each one slow.
  const [b, n] = await Promise.all([
    typecheck(bare.dir, ['good.ts', 'bad.ts'], { noEmit: true, exactOptionalPropertyTypes: true, types: [] }),
    typecheck(node.dir, [...README_FILES, 'kit-bad.ts'], { outDir: 'out', rootDir: '.', types: ['node'] }),
  ]);
  bareCheck = b.output;
  nodeCheck = n.output;
}, 180_000);

afterAll(() => {
  node?.remove();
  bare?.remove();
});

describe('the public types', () => {
  it('reach no import of a package the consumer lacks types for (ws, express) from ., ./mock or ./testing', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { types?: string } | string>;
    };
    // ./conformance is left out: its client.d.ts still imports 'ws' (the conformance checker's to fix).
    const entries = ['.', './mock', './testing'].map((key) => {
      const entry = manifest.exports[key];
      return typeof entry === 'object' && entry.types ? entry.types : `missing types for ${key}`;
    });
    const seen = new Set<string>();
    const imports: string[] = [];
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] ?? '';
        if (spec.startsWith('.')) walk(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.d.ts')));
        else imports.push(`${path.relative(ROOT, file)} -> ${spec}`);
      }
    };
    for (const entry of entries) walk(path.join(ROOT, entry));
    expect(seen.size).toBeGreaterThan(20);
    // Node's own modules, and runtime dependencies that ship their own types, are fine.
    const typed = new Set(
      runtimeDependencyDirs()
        .filter((dir) => {
          const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
          return Boolean(pkg.types ?? pkg.typings) || fs.existsSync(path.join(dir, 'index.d.ts'));
        })
        .map((dir) => path.relative(path.join(ROOT, 'node_modules'), dir)),
    );
    const lacking = imports.filter((line) => {
      const spec = line.split(' -> ')[1] ?? '';
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? '');
      return !spec.startsWith('node:') && !typed.has(name);
    });
    expect(lacking).toEqual([]);
  });

  it('type-check as a browser project sees them (no @types/node, skipLibCheck: false), narrowing ServerEvent by type', () => {
    expect(errorsBesides('bad.ts', bareCheck)).toEqual([]);
  });

  it('refuse every line of bad.ts that breaks the contract', () => {
    const lines = badLines('bad.ts', bareCheck);
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => !l.refused)).toEqual([]);
    expect(bareCheck).toMatch(/'text' does not exist/);
  });

  it('refuse a typo in a ClientEvent or ServerEvent given to the test kit and the mock', () => {
    const lines = badLines('kit-bad.ts', nodeCheck);
    expect(lines).toHaveLength(5);
    expect(
      lines.filter((l) => !l.refused),
      nodeCheck,
    ).toEqual([]);
  });
});

describe("the README's TypeScript", () => {
  it('has blocks that use the test kit and the validators', () => {
    expect(README_BLOCKS.length).toBeGreaterThanOrEqual(2);
    expect(README_BLOCKS.some((code) => code.includes("from 'chats-ws-protocol/testing'"))).toBe(true);
    expect(README_BLOCKS.some((code) => code.includes("from 'chats-ws-protocol'"))).toBe(true);
  });

  it('type-checks in a Node project with skipLibCheck: false, and each block runs on Node without a global WebSocket', async () => {
    expect(errorsBesides('kit-bad.ts', nodeCheck)).toEqual([]);
    for (const file of README_FILES) {
      const compiled = path.join('out', file.replace(/\.ts$/, '.js'));
      const { stdout, stderr } = await run(process.execPath, ['--no-experimental-websocket', compiled], {
        cwd: node?.dir,
        timeout: 30_000,
      }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${file} failed:\n${err.stderr ?? err.message}\n${err.stdout ?? ''}`);
      });
      expect({ file, stdout, stderr }).toEqual({ file, stdout: '', stderr: '' });
    }
  }, 120_000);
});
