// `--user <id>:<token>` and `--outsider <id>:<token>` on the command line, where the token may
// also come from the environment (`12:env:TOKEN_12`) or a file (`12:file:./token-12.txt`), so that
// CI logs and `npm run` (which echoes its command) never show it.
import { readFileSync } from 'node:fs';
import type { RunUser } from './session.js';

export const USER_FORMS = '<id>:<token>, <id>:env:<VARIABLE> or <id>:file:<path>';

export type UserSpec = { ok: true; user: RunUser } | { ok: false; error: string };

/** Reads one user spec; `env` and `readFile` are the process's unless given (for tests). */
export function readUserSpec(
  value: string,
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): UserSpec {
  const colon = value.indexOf(':');
  const id = Number(value.slice(0, colon));
  const rest = value.slice(colon + 1);
  if (colon < 1 || !Number.isSafeInteger(id) || id < 1 || !rest) {
    return { ok: false, error: `expected ${USER_FORMS}, e.g. 12:eyJhbGciOi... or 12:env:TOKEN_12` };
  }
  if (rest.startsWith('env:')) {
    const name = rest.slice('env:'.length);
    const token = env[name]?.trim();
    return token
      ? { ok: true, user: { id, token } }
      : { ok: false, error: `user ${id}: the environment variable ${name || '(none named)'} is not set or empty` };
  }
  if (rest.startsWith('file:')) {
    const path = rest.slice('file:'.length);
    let text: string;
    try {
      text = readFile(path);
    } catch (err) {
      return {
        ok: false,
        error: `user ${id}: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    const token = text.trim();
    return token ? { ok: true, user: { id, token } } : { ok: false, error: `user ${id}: ${path} is empty` };
  }
  return { ok: true, user: { id, token: rest } };
}
