// `npm run check:spec`: the spec parses without errors, every example validates against its
// message's schema, and every invalid fixture is refused with the expected problem. Given
// protocols/v2/asyncapi.yaml (a document whose info.version is 2.x), the examples are checked with
// version 2's validators, and the invalid fixtures (frames of version 1) are left out.
import fs from 'node:fs';
import path from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { validateClientEvent, validateServerEvent } from '../protocol/index.js';
import * as v2 from '../protocol/v2/index.js';
import { ROOT, SPEC_FILE } from './lib/catalogue.js';

export interface SpecCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

interface InvalidFixture {
  name: string;
  frame: unknown;
  expect: { pointer: string; code: string };
}

/** `{"$repeat": "x", "times": N}` stands for a long string, so the fixture file stays readable. */
function expand(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(expand);
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj.$repeat === 'string' && typeof obj.times === 'number') return obj.$repeat.repeat(obj.times);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, expand(v)]));
  }
  return node;
}

export function invalidFixtures(): InvalidFixture[] {
  const raw = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'fixtures/invalid-client-frames.json'), 'utf8'),
  ) as InvalidFixture[];
  return raw.map((f) => ({ ...f, frame: expand(f.frame) }));
}

export async function checkSpec(specFile = SPEC_FILE): Promise<SpecCheck[]> {
  const checks: SpecCheck[] = [];
  const { document, diagnostics } = await fromFile(new Parser(), specFile).parse();
  const errors = diagnostics.filter((d) => d.severity === 0);
  checks.push({
    name: `${path.basename(specFile)} parses without errors`,
    ok: document !== undefined && errors.length === 0,
    ...(errors.length ? { detail: errors.map((d) => `${d.path.join('.')}: ${d.message}`).join('\n') } : {}),
  });
  if (!document) return checks;
  const version2 = /^2\./.test(document.info().version());
  const client = version2 ? v2.validateClientEvent : validateClientEvent;
  const server = version2 ? v2.validateServerEvent : validateServerEvent;
  for (const operation of document.operations().all()) {
    const validate = operation.action() === 'receive' ? client : server;
    for (const message of operation.messages().all()) {
      for (const example of message.examples().all()) {
        const result = validate(example.payload());
        checks.push({
          name: `example ${message.id()}/${example.name() ?? '?'} is valid (${operation.action() === 'receive' ? 'client -> server' : 'server -> client'})`,
          ok: result.ok,
          ...(result.ok ? {} : { detail: JSON.stringify(result.problems) }),
        });
      }
    }
  }
  for (const fixture of version2 ? [] : invalidFixtures()) {
    const result = validateClientEvent(fixture.frame);
    const hit =
      !result.ok && result.problems.some((p) => p.pointer === fixture.expect.pointer && p.code === fixture.expect.code);
    checks.push({
      name: `invalid fixture "${fixture.name}" is refused with ${fixture.expect.code} at ${fixture.expect.pointer || '(frame)'}`,
      ok: hit,
      ...(hit ? {} : { detail: result.ok ? 'accepted' : JSON.stringify(result.problems) }),
    });
  }
  return checks;
}

async function main(): Promise<void> {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : SPEC_FILE;
  const checks = await checkSpec(file);
  for (const c of checks)
    console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok || !c.detail ? '' : `\n     ${c.detail}`}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`\n${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
