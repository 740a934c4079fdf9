// `npm run generate`: regenerate everything in generated/ from asyncapi.yaml and schemas/ (version 1),
// and generated/vN/ from protocols/vN/ (each later version).
// `npm run generate -- --check`: write nothing, fail when generated/ is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SPEC_TREES, type OutputFile } from './lib/catalogue.js';
import { generateTypes } from './generate-types.js';
import { generateConstants } from './generate-constants.js';
import { generateValidators } from './generate-validators.js';
import { bundleSpec } from './bundle-spec.js';
import { generateHttpValidators } from './generate-http.js';

export async function generateAll(): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const spec of SPEC_TREES) {
    files.push(...(await generateTypes(spec)), ...generateConstants(spec), ...generateValidators(spec));
    files.push(...generateHttpValidators(spec), ...(await bundleSpec(spec)));
  }
  return files;
}

/** Files whose checked-in content differs from what the generators produce now. */
export async function staleFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const file of await generateAll()) {
    const full = path.join(ROOT, file.path);
    if (!fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== file.content) stale.push(file.path);
  }
  return stale;
}

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await staleFiles();
    if (stale.length) {
      console.error(`generated/ is out of date: ${stale.join(', ')}.\nRun \`npm run generate\` and commit the result.`);
      process.exit(1);
    }
    console.log('generated/ is up to date.');
    return;
  }
  for (const file of await generateAll()) {
    const full = path.join(ROOT, file.path);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, file.content);
    console.log(`wrote ${file.path} (${(file.content.length / 1024).toFixed(1)} KiB)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
