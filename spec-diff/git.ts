// Reading files at a commit of the current repository, without checking anything out.
import { execFileSync } from 'node:child_process';
import { fail, ok, type Result } from './errors.js';

export interface GitTree {
  /** The full commit id the ref named when it was opened. */
  readonly commit: string;
  /** The current directory relative to the repository root (`""` or `"sub/dir/"`). */
  readonly prefix: string;
  /** The text of a file at that commit; `file` is relative to the repository root. */
  read(file: string): Result<string>;
}

const git = (args: string[], cwd: string): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

export function openGitTree(ref: string, cwd: string): Result<GitTree> {
  let prefix: string;
  try {
    prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
  } catch (err) {
    const detail = String((err as { stderr?: string }).stderr ?? (err as Error).message)
      .trim()
      .split('\n')[0];
    return fail('git_unavailable', `cannot read the git repository of ${cwd} (${detail})`);
  }
  if (ref.startsWith('-')) return fail('git_ref_unknown', `"${ref}" is not a ref`);
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).trim();
  } catch {
    return fail('git_ref_unknown', `unknown git ref "${ref}" in this repository`);
  }
  let files: Set<string> | undefined;
  return ok({
    commit,
    prefix,
    read(file) {
      files ??= new Set(git(['ls-tree', '-r', '--name-only', '--full-tree', '-z', commit], cwd).split('\0'));
      if (!files.has(file)) return fail('file_not_found', `${file}: no such file at ${ref} (${commit.slice(0, 12)})`);
      return ok(git(['cat-file', 'blob', `${commit}:${file}`], cwd));
    },
  });
}
