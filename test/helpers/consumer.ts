// A project that uses the package, in a temporary folder outside this repository: the package as
// `npm pack` ships it (its file list, its published manifest), its runtime dependencies, and
// nothing else of this repository (no @types/ws, no devDependencies), so the types and the code
// are checked as a consumer gets them. The real tarball, installed from the registry's packages,
// is test/pack/'s job (npm run test:pack); this is the fast stand-in for npm test.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { publishedManifest } from '../../scripts/pack-manifest.js';

const run = promisify(execFile);

export const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;

/** The files `npm pack` would put in the tarball (without running any script). */
export async function packedFiles(): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
  const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  return pack.files.map((f) => f.path);
}

/** Where Node would find `name` from a package in `from` (its own node_modules, then upwards to ROOT's). */
function resolvePackageDir(name: string, from: string): string {
  for (let dir = from; dir.startsWith(ROOT); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`${name} (needed from ${from}) is not installed`);
}

/** The top-level folders of ROOT/node_modules that the package's runtime dependencies need. */
export function runtimeDependencyDirs(): string[] {
  const top = new Set<string>();
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    for (const name of Object.keys(readManifest(dir).dependencies ?? {})) {
      let found: string;
      try {
        found = resolvePackageDir(name, dir);
      } catch {
        continue; // an optional dependency not installed here is not installed for a consumer either
      }
      if (seen.has(found)) continue;
      seen.add(found);
      if (
        path.dirname(found) === path.join(ROOT, 'node_modules') ||
        path.dirname(path.dirname(found)) === path.join(ROOT, 'node_modules')
      )
        top.add(found);
      visit(found);
    }
  };
  visit(ROOT);
  return [...top].sort();
}

export interface ConsumerOptions {
  /** Link the package's runtime dependencies (else the package alone, as a type-only consumer sees it). */
  dependencies: boolean;
  /** Link @types/node (a Node project's); without it, the package's types must need none. */
  nodeTypes: boolean;
}

export interface Consumer {
  dir: string;
  remove(): void;
}

/** Creates the project: package.json ("type": "module"), node_modules/chats-ws-protocol and what `options` asks for. */
export async function createConsumer(options: ConsumerOptions, files?: readonly string[]): Promise<Consumer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-ws-consumer-'));
  const modules = path.join(dir, 'node_modules');
  const installed = path.join(modules, 'chats-ws-protocol');
  for (const file of files ?? (await packedFiles())) {
    fs.mkdirSync(path.dirname(path.join(installed, file)), { recursive: true });
    if (file === 'package.json') {
      const manifest = publishedManifest(JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')));
      fs.writeFileSync(path.join(installed, file), `${JSON.stringify(manifest, null, 2)}\n`);
    } else fs.copyFileSync(path.join(ROOT, file), path.join(installed, file));
  }
  const links = [
    ...(options.dependencies ? runtimeDependencyDirs() : []),
    ...(options.nodeTypes ? [path.join(ROOT, 'node_modules', '@types', 'node')] : []),
  ];
  for (const target of links) {
    const link = path.join(modules, path.relative(path.join(ROOT, 'node_modules'), target));
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, 'dir');
  }
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Type-checks (and, with `outDir`, compiles) a consumer's TypeScript; the exit code and tsc's output. */
export async function typecheck(
  dir: string,
  files: readonly string[],
  compilerOptions: Record<string, unknown>,
): Promise<{ code: number; output: string }> {
  const project = path.join(dir, `tsconfig.${process.pid}.${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(
    project,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        ...compilerOptions,
      },
      files,
    }),
  );
  try {
    await run(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: dir });
    return { code: 0, output: '' };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    fs.rmSync(project, { force: true });
  }
}

/** The ```ts blocks of a Markdown text, in order. */
export function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}
