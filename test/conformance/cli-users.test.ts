// --user and --outsider values: a token given as is, from the environment, or from a file.
import { describe, expect, it } from 'vitest';
import { readUserSpec } from '../../conformance/cli-users.js';

const env = { TOKEN_12: ' eyJ.env.token\n', EMPTY: '' };
const files: Record<string, string> = { '/secrets/t12': 'eyJ.file.token\n', '/secrets/empty': '  \n' };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};
const read = (value: string) => readUserSpec(value, env, readFile);

describe('readUserSpec', () => {
  it('takes the token as given, from the environment, or from a file (white space around it dropped)', () => {
    expect(read('12:eyJ.literal:with:colons')).toEqual({
      ok: true,
      user: { id: 12, token: 'eyJ.literal:with:colons' },
    });
    expect(read('12:env:TOKEN_12')).toEqual({ ok: true, user: { id: 12, token: 'eyJ.env.token' } });
    expect(read('12:file:/secrets/t12')).toEqual({ ok: true, user: { id: 12, token: 'eyJ.file.token' } });
  });

  it('says what is wrong', () => {
    expect(read('twelve:x')).toEqual({
      ok: false,
      error: 'expected <id>:<token>, <id>:env:<VARIABLE> or <id>:file:<path>, e.g. 12:eyJhbGciOi... or 12:env:TOKEN_12',
    });
    expect(read('12:')).toMatchObject({ ok: false });
    expect(read('0:x')).toMatchObject({ ok: false });
    expect(read('12:env:NOPE')).toEqual({
      ok: false,
      error: 'user 12: the environment variable NOPE is not set or empty',
    });
    expect(read('12:env:EMPTY')).toMatchObject({
      ok: false,
      error: 'user 12: the environment variable EMPTY is not set or empty',
    });
    expect(read('12:file:/secrets/none')).toEqual({
      ok: false,
      error: "user 12: cannot read /secrets/none: ENOENT: no such file or directory, open '/secrets/none'",
    });
    expect(read('12:file:/secrets/empty')).toEqual({ ok: false, error: 'user 12: /secrets/empty is empty' });
  });
});
