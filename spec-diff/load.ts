// Loads a spec tree: the AsyncAPI document and every file its `$ref`s reach, relative refs resolved
// against the file they are written in (a `$ref` to a URL is followed when it is the `$id` of a
// loaded file, or sits beside one). Every `$ref` is checked at load time, so a broken one is a load
// error naming the file, the ref and where it is written, and the comparison never meets one.
import path from 'node:path';
import YAML from 'yaml';
import { fail, ok, type Result } from './errors.js';
import { childPointer, isObject, splitRef, valueAt } from './refs.js';
import type { SpecSource } from './sources.js';

/** A value in the tree, and where it is: a file (relative to the spec's directory) and a pointer. */
export interface TreeNode {
  readonly value: unknown;
  readonly file: string;
  readonly pointer: string;
}

export interface LoadedSpec {
  readonly source: string;
  readonly commit?: string;
  readonly specFile: string;
  /** The AsyncAPI document, as parsed. */
  readonly document: Record<string, unknown>;
  /** The document's root node. */
  readonly root: TreeNode;
  /** The node a `$ref` chain starting at `node` ends at (`node` itself when it is no `$ref`). */
  deref(node: TreeNode): TreeNode;
  /** The child of `node` at `key` (a property name or an array index); undefined when there is none. */
  child(node: TreeNode, ...keys: (string | number)[]): TreeNode | undefined;
}

function parseFile(file: string, text: string): Result<unknown> {
  if (file.endsWith('.json')) {
    try {
      return ok(JSON.parse(text));
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      if (!at) return fail('parse_failed', `${file}: not valid JSON (${message})`);
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      return fail('parse_failed', `${file}:${line}:${column}: not valid JSON (${message})`);
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0];
    const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return fail('parse_failed', `${file}${where ? `:${where.line}:${where.col}` : ''}: not valid YAML (${first})`);
  }
  return ok(doc.toJS({ maxAliasCount: 1000 }));
}

export function loadSpec(source: SpecSource): Result<LoadedSpec> {
  const files = new Map<string, unknown>();
  const ids = new Map<string, string>(); // $id (without fragment) -> file
  const queue: string[] = [];

  function load(file: string, refDetail: string): Result<unknown> {
    if (files.has(file)) return ok(files.get(file));
    const text = source.read(file);
    if (!text.ok) return fail(text.error.code, `${text.error.message}${refDetail}`);
    const parsed = parseFile(file, text.value);
    if (!parsed.ok) return parsed;
    files.set(file, parsed.value);
    if (isObject(parsed.value) && typeof parsed.value.$id === 'string')
      ids.set(parsed.value.$id.split('#')[0] ?? '', file);
    queue.push(file);
    return parsed;
  }

  /** The file a ref's location names, written in `from`. */
  function targetFile(location: string, from: string): string | undefined {
    if (location === '') return from;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(location))
      return path.posix.normalize(path.posix.join(path.posix.dirname(from), location));
    const known = ids.get(location);
    if (known) return known;
    // A URL beside a loaded file's $id: map it as the files sit beside each other.
    for (const [id, file] of ids) {
      const base = id.slice(0, id.lastIndexOf('/') + 1);
      if (base && location.startsWith(base))
        return path.posix.normalize(path.posix.join(path.posix.dirname(file), location.slice(base.length)));
    }
    return undefined;
  }

  function resolve(ref: string, from: string, at: string): Result<{ file: string; pointer: string }> {
    const written = ` (the $ref "${ref}" in ${from} at ${at || '/'})`;
    const parts = splitRef(ref);
    if (!parts) return fail('ref_unsupported', `only JSON pointer fragments are supported${written}`);
    const file = targetFile(parts.location, from);
    if (!file) return fail('ref_unsupported', `${parts.location} is no file of the spec tree${written}`);
    const loaded = load(file, written);
    if (!loaded.ok) return loaded;
    if (valueAt(loaded.value, parts.pointer) === undefined)
      return fail('ref_not_found', `${file}#${parts.pointer} does not exist${written}`);
    return ok({ file, pointer: parts.pointer });
  }

  const resolved = new Map<string, { file: string; pointer: string }>(); // "file#pointer" of a $ref node -> target

  function walk(value: unknown, file: string, pointer: string): Result<true> {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const r = walk(value[i], file, childPointer(pointer, i));
        if (!r.ok) return r;
      }
    } else if (isObject(value)) {
      if (typeof value.$ref === 'string') {
        const target = resolve(value.$ref, file, pointer);
        if (!target.ok) return target;
        resolved.set(`${file}#${pointer}`, target.value);
      }
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref') continue;
        const r = walk(child, file, childPointer(pointer, key));
        if (!r.ok) return r;
      }
    }
    return ok(true);
  }

  const rootFile = source.specFile;
  const document = load(rootFile, '');
  if (!document.ok) return document;
  const doc = document.value;
  if (!isObject(doc) || typeof doc.asyncapi !== 'string')
    return fail('not_asyncapi', `${rootFile}: not an AsyncAPI document (no "asyncapi" field)`);
  if (!doc.asyncapi.startsWith('3.'))
    return fail('not_asyncapi', `${rootFile}: AsyncAPI ${doc.asyncapi}; this check reads AsyncAPI 3.x`);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const r = walk(files.get(next), next, '');
    if (!r.ok) return r;
  }

  const node = (file: string, pointer: string): TreeNode => ({
    value: valueAt(files.get(file), pointer),
    file,
    pointer,
  });
  return ok({
    source: source.source,
    ...(source.commit ? { commit: source.commit } : {}),
    specFile: rootFile,
    document: doc,
    root: node(rootFile, ''),
    deref(start) {
      let current = start;
      for (let hops = 0; hops < 64; hops++) {
        const target = isObject(current.value) ? resolved.get(`${current.file}#${current.pointer}`) : undefined;
        if (!target) return current;
        current = node(target.file, target.pointer);
      }
      return current;
    },
    child(parent, ...keys) {
      let current: TreeNode | undefined = parent;
      for (const key of keys) {
        if (!current) return undefined;
        const value: unknown = current.value;
        const has = (Array.isArray(value) || isObject(value)) && Object.prototype.hasOwnProperty.call(value, key);
        current = has ? node(current.file, childPointer(current.pointer, key)) : undefined;
      }
      return current;
    },
  });
}
