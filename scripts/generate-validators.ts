// schemas/ -> generated/validators.js: Ajv standalone validators, so consumers never compile a
// schema at run time. One validator per event frame (`client_new_message`), and for chat events
// one per content variant (`client_new_message_direct`, called with instancePath "/content") so a
// bad frame yields the problems of the variant its `chat_type` names, not of every oneOf branch.
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import {
  V1_TREE,
  bannerOf,
  eventSchemas,
  outputPath,
  readJson,
  type OutputFile,
  type SpecTree,
} from './lib/catalogue.js';

const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;

/** Ajv, configured as the exported validators are: every problem reported, strict schemas. */
export function createAjv(options: { source: boolean }, spec: SpecTree = V1_TREE): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: options.source, esm: true, lines: true } });
  addFormats(ajv, ['date-time']);
  ajv.addSchema(readJson(path.join(spec.schemasDir, 'common.json')));
  for (const event of eventSchemas(spec)) ajv.addSchema(event.schema);
  return ajv;
}

/** Export name -> schema reference, for every validator the package ships. */
export function validatorRefs(spec: SpecTree = V1_TREE): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const e of eventSchemas(spec)) {
    const name = `${e.direction}_${e.type}`;
    const id = e.schema.$id;
    if (!id) throw new Error(`${e.file} has no $id`);
    refs[name] = id;
    if (e.chatVariants) {
      refs[`${name}_direct`] = `${id}#/definitions/DirectContent`;
      refs[`${name}_project`] = `${id}#/definitions/ProjectContent`;
    }
  }
  return refs;
}

/**
 * Ajv's ESM output still loads its runtime helpers with require(); turn those into namespace
 * imports. Node, vitest and esbuild each shape a CommonJS namespace differently; `cjs()` finds
 * the module object in all three (`default` holds it only when it carries `__esModule`).
 */
export function requiresToImports(code: string, outputFile?: string): string {
  const imports: string[] = [];
  const seen = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_m, required: string) => {
    const spec = outputFile ? formatsModuleFor(required, outputFile) : required;
    let local = seen.get(spec);
    if (!local) {
      local = `runtime${seen.size}`;
      seen.set(spec, local);
      const file = spec.endsWith('.js') ? spec : `${spec}.js`;
      imports.push(
        `import * as ${local}Namespace from ${JSON.stringify(file)};\nconst ${local} = cjs(${local}Namespace);`,
      );
    }
    return local;
  });
  const helper = 'function cjs(ns) { return ns.default && ns.default.__esModule ? ns.default : ns; }';
  return `${helper}\n${imports.join('\n')}\n${body}`;
}

/**
 * ajv-formats' formats become protocol/formats.ts' (the same verdicts, a fast path for the
 * canonical date-time), imported relative to the generated file; any other module stays.
 */
function formatsModuleFor(required: string, outputFile: string): string {
  if (required !== 'ajv-formats/dist/formats') return required;
  const relativePath = path.posix.relative(path.posix.dirname(outputFile), 'protocol/formats.js');
  return relativePath.startsWith('.') ? relativePath : `./${relativePath}`;
}

export function generateValidators(spec: SpecTree = V1_TREE): OutputFile[] {
  const code = standaloneCode(createAjv({ source: true }, spec), validatorRefs(spec));
  const file = outputPath(spec, 'validators.ts');
  const content = `// @ts-nocheck\n/* eslint-disable */\n// ${bannerOf(spec)}\n${requiresToImports(code.replace(/^"use strict";/, ''), file)}\n`;
  return [{ path: file, content }];
}
