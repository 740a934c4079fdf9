// Reading files at a commit of the current repository, without checking anything out: `git ls-tree`
// lists the commit's files once, and `git cat-file --batch` reads a directory's spec-like files
// (JSON and YAML) in one process the first time one of them is asked for.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fail, ok, type Result } from './errors.js';

export interface GitTree {
  /** The full commit id the ref named when it was opened. */
  readonly commit: string;
  /** The current directory relative to the repository root (`""` or `"sub/dir/"`). */
  readonly prefix: string;
  /** The text of a file at that commit; `file` is relative to the repository root. */
  read(file: string): Result<string>;
}

const MAX_PREFETCH_BYTES = 1024 * 1024;
const SPEC_LIKE = /\.(json|ya?ml)$/;

function git(args: string[], cwd: string, input?: string): Buffer {
  return execFileSync('git', args, {
    cwd,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] as const } : { input }),
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** The contents of `paths` at `commit`, read by one `git cat-file --batch`. */
function readBatch(commit: string, paths: string[], cwd: string): Map<string, string> {
  const out = git(['cat-file', '--batch'], cwd, paths.map((p) => `${commit}:${p}\n`).join(''));
  const files = new Map<string, string>();
  let at = 0;
  for (const file of paths) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    if (header[1] === 'blob') files.set(file, out.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return files;
}

export function openGitTree(ref: string, cwd: string): Result<GitTree> {
  let prefix: string;
  try {
    prefix = git(['rev-parse', '--show-prefix'], cwd).toString('utf8').trim();
  } catch (err) {
    const detail = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message)
      .trim()
      .split('\n')[0];
    return fail('git_unavailable', `cannot read the git repository of ${cwd} (${detail})`);
  }
  if (ref.startsWith('-')) return fail('git_ref_unknown', `"${ref}" is not a ref`);
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd)
      .toString('utf8')
      .trim();
  } catch {
    return fail('git_ref_unknown', `unknown git ref "${ref}" in this repository`);
  }
  let sizes: Map<string, number> | undefined;
  const texts = new Map<string, string>();
  const fetched = new Set<string>();
  return ok({
    commit,
    prefix,
    read(file) {
      sizes ??= new Map(
        git(['ls-tree', '-r', '-l', '--full-tree', '-z', commit], cwd)
          .toString('utf8')
          .split('\0')
          .filter(Boolean)
          .map((line) => {
            const [meta = '', name = ''] = line.split('\t');
            return [name, Number(meta.trim().split(/\s+/)[3])] as const;
          }),
      );
      if (!sizes.has(file)) return fail('file_not_found', `${file}: no such file at ${ref} (${commit.slice(0, 12)})`);
      const dir = path.posix.dirname(file);
      if (!texts.has(file) && !fetched.has(dir)) {
        fetched.add(dir);
        const siblings = [...sizes].filter(
          ([name, size]) =>
            name !== file && path.posix.dirname(name) === dir && SPEC_LIKE.test(name) && size <= MAX_PREFETCH_BYTES,
        );
        for (const [name, text] of readBatch(commit, [file, ...siblings.map(([name]) => name)], cwd))
          texts.set(name, text);
      }
      if (!texts.has(file)) for (const [name, text] of readBatch(commit, [file], cwd)) texts.set(name, text);
      const text = texts.get(file);
      return text === undefined ? fail('file_not_found', `${file}: not a file at ${ref}`) : ok(text);
    },
  });
}
