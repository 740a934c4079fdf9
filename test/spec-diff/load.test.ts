// Loading a spec tree: $refs across files, and every way a side can fail to load (each a clear
// message naming the file and the ref).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitSource, loadSpec, memorySource, openSource, type LoadError } from '../../spec-diff/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { document, files, frame, object, type SpecShape } from './helpers.js';
import { tempRepo, type TempRepo } from './git-repo.js';

const loadError = (tree: Record<string, string>): LoadError => {
  const result = loadSpec(memorySource(tree));
  if (result.ok) throw new Error('expected a load error');
  return result.error;
};

const refTo = (ref: string): SpecShape => ({ client: { ping: { $ref: ref } } });

describe('$refs', () => {
  it('follow relative files and #/definitions pointers through several files', () => {
    const tree = (maxLength: number) => ({
      ...files(refTo('./schemas/client/ping.json')),
      'schemas/client/ping.json': JSON.stringify(frame('ping', { $ref: '../common.json#/definitions/Content' })),
      'schemas/common.json': JSON.stringify({
        definitions: { Content: object({ text: { $ref: 'text.json#/definitions/Text' } }) },
      }),
      'schemas/text.json': JSON.stringify({ definitions: { Text: { type: 'string', maxLength } } }),
    });
    const base = loadSpec(memorySource(tree(8192)));
    const revision = loadSpec(memorySource(tree(100)));
    if (!base.ok || !revision.ok) throw new Error('did not load');
    const root = base.value.deref(
      base.value.child(base.value.root, 'components', 'messages', 'clientPing', 'payload')!,
    );
    expect(root.file).toBe('schemas/client/ping.json');
    const text = base.value.deref(
      base.value.child(base.value.deref(base.value.child(root, 'properties', 'content')!), 'properties', 'text')!,
    );
    expect(text).toEqual({
      value: { type: 'string', maxLength: 8192 },
      file: 'schemas/text.json',
      pointer: '/definitions/Text',
    });
  });

  it('follow a URL that is the $id of a loaded file, or sits beside one', () => {
    const tree = {
      ...files(refTo('./schemas/ping.json')),
      'schemas/ping.json': JSON.stringify({
        $id: 'https://example.com/schemas/ping.json',
        ...frame('ping', { $ref: 'https://example.com/schemas/common.json#/definitions/C' }),
      }),
      'schemas/common.json': JSON.stringify({ definitions: { C: { type: 'object' } } }),
    };
    expect(loadSpec(memorySource(tree)).ok).toBe(true);
  });

  it('the current spec and the later-dialect fixture load', () => {
    for (const file of ['asyncapi.yaml', 'protocols/v2/asyncapi.yaml']) {
      const source = openSource(file, ROOT);
      expect(source.ok && loadSpec(source.value).ok, file).toBe(true);
    }
  });
});

describe('load errors', () => {
  it('a $ref to a file that does not exist: file_not_found, naming the ref and where it is written', () => {
    expect(loadError(files(refTo('./schemas/client/pnig.json')))).toEqual({
      code: 'file_not_found',
      message:
        'schemas/client/pnig.json: no such file in asyncapi.yaml (the $ref "./schemas/client/pnig.json" in asyncapi.yaml at /components/messages/clientPing/payload)',
    });
  });

  it('a $ref to a place that does not exist: ref_not_found', () => {
    const tree = {
      ...files(refTo('./ping.json')),
      'ping.json': JSON.stringify(frame('ping', { $ref: 'common.json#/definitions/Contnet' })),
      'common.json': JSON.stringify({ definitions: { Content: {} } }),
    };
    expect(loadError(tree)).toEqual({
      code: 'ref_not_found',
      message:
        'common.json#/definitions/Contnet does not exist (the $ref "common.json#/definitions/Contnet" in ping.json at /properties/content)',
    });
  });

  it('a local pointer that does not exist in the document', () => {
    expect(loadError(files(refTo('#/components/schemas/Nope'))).code).toBe('ref_not_found');
  });

  it('refs it does not follow: ref_unsupported', () => {
    expect(loadError(files(refTo('https://example.com/ping.json')))).toEqual({
      code: 'ref_unsupported',
      message:
        'https://example.com/ping.json is no file of the spec tree (the $ref "https://example.com/ping.json" in asyncapi.yaml at /components/messages/clientPing/payload)',
    });
    expect(loadError(files(refTo('#anchor'))).code).toBe('ref_unsupported');
  });

  it('a file that does not parse: parse_failed, with line and column', () => {
    const json = { ...files(refTo('./ping.json')), 'ping.json': '{\n  "type": "object",\n}' };
    expect(loadError(json)).toMatchObject({ code: 'parse_failed' });
    expect(loadError(json).message).toMatch(/^ping\.json:3:1: not valid JSON \(/);
    expect(loadError({ 'asyncapi.yaml': 'asyncapi: 3.0.0\ninfo: [\n' })).toMatchObject({
      code: 'parse_failed',
      message: expect.stringMatching(/^asyncapi\.yaml:\d+:\d+: not valid YAML \(/),
    });
  });

  it('a document that is not AsyncAPI 3: not_asyncapi', () => {
    expect(loadError({ 'asyncapi.yaml': 'openapi: 3.1.0\n' })).toEqual({
      code: 'not_asyncapi',
      message: 'asyncapi.yaml: not an AsyncAPI document (no "asyncapi" field)',
    });
    const v2 = { ...document({}), asyncapi: '2.6.0' };
    expect(loadError({ 'asyncapi.yaml': JSON.stringify(v2) })).toEqual({
      code: 'not_asyncapi',
      message: 'asyncapi.yaml: AsyncAPI 2.6.0; this check reads AsyncAPI 3.x',
    });
  });

  it('a spec file that does not exist on disk', () => {
    const source = openSource('no/such/asyncapi.yaml', ROOT);
    expect(source.ok).toBe(true);
    const result = source.ok ? loadSpec(source.value) : source;
    expect(result).toEqual({
      ok: false,
      error: { code: 'file_not_found', message: 'no/such/asyncapi.yaml: no such file' },
    });
  });
});

describe('git:<ref> sources', () => {
  let repo: TempRepo;
  let first: string;
  beforeAll(() => {
    repo = tempRepo();
    for (const [name, text] of Object.entries(files(refTo('./schemas/ping.json')))) repo.write(`spec/${name}`, text);
    repo.write('spec/schemas/ping.json', JSON.stringify(frame('ping', object({ a: { type: 'string' } }))));
    first = repo.commit('first');
    repo.write('spec/schemas/ping.json', JSON.stringify(frame('ping', object({ b: { type: 'string' } }))));
    repo.commit('second');
  });
  afterAll(() => repo.remove());

  const loadAt = (arg: string, cwd = repo.dir) => {
    const source = gitSource(arg, cwd);
    return source.ok ? loadSpec(source.value) : source;
  };
  const field = (arg: string, cwd?: string) => {
    const spec = loadAt(arg, cwd);
    if (!spec.ok) throw new Error(spec.error.message);
    const payload = spec.value.deref(
      spec.value.child(spec.value.root, 'components', 'messages', 'clientPing', 'payload')!,
    );
    const content = payload.value as { properties: { content: { properties: Record<string, unknown> } } };
    return Object.keys(content.properties.content.properties);
  };

  it('reads the spec and its refs at that commit, without checking it out', () => {
    expect(field(`git:${first}:spec/asyncapi.yaml`)).toEqual(['a']);
    expect(field('git:HEAD:spec/asyncapi.yaml')).toEqual(['b']);
    expect(field('git:main~1:spec/asyncapi.yaml')).toEqual(['a']);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('reads paths relative to the current directory, asyncapi.yaml by default', () => {
    expect(field('git:HEAD~1', path.join(repo.dir, 'spec'))).toEqual(['a']);
  });

  it('names the commit it read', () => {
    const spec = loadAt('git:HEAD~1:spec/asyncapi.yaml');
    expect(spec.ok && spec.value.commit).toBe(first.slice(0, 12));
  });

  it('an unknown ref, a missing file, or a path outside the repository: clear errors', () => {
    expect(loadAt('git:no-such-branch')).toEqual({
      ok: false,
      error: { code: 'git_ref_unknown', message: 'unknown git ref "no-such-branch" in this repository' },
    });
    expect(loadAt('git:HEAD:asyncapi.yaml')).toEqual({
      ok: false,
      error: {
        code: 'file_not_found',
        message: `asyncapi.yaml: no such file at HEAD (${repo.git('rev-parse', 'HEAD').trim().slice(0, 12)})`,
      },
    });
    expect(loadAt('git:HEAD:../x.yaml')).toEqual({
      ok: false,
      error: { code: 'path_outside_repository', message: '../x.yaml is outside the repository' },
    });
    expect(loadAt('git:--output=x')).toMatchObject({ ok: false, error: { code: 'git_ref_unknown' } });
    expect(loadAt('git:')).toMatchObject({ ok: false, error: { code: 'git_ref_unknown' } });
  });

  it('outside any repository: git_unavailable', () => {
    expect(loadAt('git:HEAD', path.parse(repo.dir).root)).toMatchObject({
      ok: false,
      error: { code: 'git_unavailable' },
    });
  });
});
