// Where a spec tree is read from: a directory on disk, a commit of the current git repository
// (read with `git ls-tree` and `git cat-file`, never checked out), or files in memory (tests, tools).
// Every file is named relative to the spec file's directory, with forward slashes.
import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from './errors.js';
import { openGitTree } from './git.js';

export interface SpecSource {
  /** How the report names this side: what the user gave. */
  readonly source: string;
  /** The commit of a git source, abbreviated. */
  readonly commit?: string;
  /** The spec file's name, relative to its own directory (usually `asyncapi.yaml`). */
  readonly specFile: string;
  /** The text of a file named relative to the spec's directory. */
  read(file: string): Result<string>;
}

/** The spec at `file` on disk; its refs are read relative to its directory. */
export function fileSource(file: string, cwd = process.cwd()): SpecSource {
  const absolute = path.resolve(cwd, file);
  const dir = path.dirname(absolute);
  return {
    source: file,
    specFile: path.basename(absolute),
    read(name) {
      const target = path.resolve(dir, ...name.split('/'));
      try {
        return ok(fs.readFileSync(target, 'utf8'));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const relative = path.relative(cwd, target);
        const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : target;
        return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
          ? fail('file_not_found', `${shown}: no such file`)
          : fail('file_not_found', `${shown}: cannot read it (${(err as Error).message})`);
      }
    },
  };
}

/** A spec held in memory: `files` maps names (relative to the spec's directory) to their text. */
export function memorySource(
  files: Readonly<Record<string, string>>,
  specFile = 'asyncapi.yaml',
  source = specFile,
): SpecSource {
  return {
    source,
    specFile,
    read: (name) =>
      Object.prototype.hasOwnProperty.call(files, name)
        ? ok(files[name] as string)
        : fail('file_not_found', `${name}: no such file in ${source}`),
  };
}

/**
 * `git:<ref>` or `git:<ref>:<path>`: the spec at that commit of the repository around `cwd`. The path
 * is relative to `cwd`, like a file path (default `asyncapi.yaml`).
 */
export function gitSource(arg: string, cwd = process.cwd()): Result<SpecSource> {
  const rest = arg.slice('git:'.length);
  const colon = rest.indexOf(':');
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const file = colon < 0 ? 'asyncapi.yaml' : rest.slice(colon + 1);
  if (!ref) return fail('git_ref_unknown', 'no ref given (write git:<ref>, e.g. git:origin/main)');
  if (!file) return fail('file_not_found', 'no path after the ref (write git:<ref>:<path>)');
  const tree = openGitTree(ref, cwd);
  if (!tree.ok) return tree;
  const { commit, prefix } = tree.value;
  const specPath = path.posix.normalize(path.posix.join(prefix, file.split(path.sep).join('/')));
  if (specPath.startsWith('../') || path.posix.isAbsolute(specPath))
    return fail('path_outside_repository', `${file} is outside the repository`);
  const dir = path.posix.dirname(specPath);
  return ok({
    source: arg,
    commit: commit.slice(0, 12),
    specFile: path.posix.basename(specPath),
    read(name) {
      const target = path.posix.normalize(path.posix.join(dir, name));
      if (target.startsWith('../'))
        return fail('path_outside_repository', `${name} (from ${specPath}) is outside the repository, at ${ref}`);
      return tree.value.read(target);
    },
  });
}

/** A command-line argument: `git:<ref>[:<path>]`, or a path to the spec on disk. */
export function openSource(arg: string, cwd = process.cwd()): Result<SpecSource> {
  return arg.startsWith('git:') ? gitSource(arg, cwd) : ok(fileSource(arg, cwd));
}
