// Why a side of the comparison could not be loaded: a closed catalogue of codes, each with a message
// that names the file or ref. The command answers every one of them with exit code 2.

export const LOAD_ERROR_CODES = [
  /** The spec file, or a file a `$ref` names, does not exist (on disk, or at that commit). */
  'file_not_found',
  /** A file is not valid YAML or JSON. */
  'parse_failed',
  /** The document is not an AsyncAPI 3 document. */
  'not_asyncapi',
  /** A `$ref` names a place that does not exist in its file. */
  'ref_not_found',
  /** A `$ref` this loader does not follow (a remote URL that is no loaded file's `$id`, an anchor). */
  'ref_unsupported',
  /** `git:<ref>` names no commit of the current repository. */
  'git_ref_unknown',
  /** git could not be run, or the current directory is not in a git repository. */
  'git_unavailable',
  /** A path leads outside the repository (git sources only). */
  'path_outside_repository',
] as const;

export type LoadErrorCode = (typeof LOAD_ERROR_CODES)[number];

export interface LoadError {
  readonly code: LoadErrorCode;
  /** One line naming the file, the ref and what is wrong. */
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LoadError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: LoadErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});
