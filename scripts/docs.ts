// `npm run docs`: build the HTML docs site into site/ (or --out DIR), unless it is up to date.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocsSite, DEFAULT_SITE_DIR, docsSiteStatus } from './docs-site.js';
import { SPEC_DOCUMENTS } from './docs-versions.js';

const USAGE = `Usage: npm run docs -- [--out DIR] [--force] [--check]

Builds the HTML docs site from ${SPEC_DOCUMENTS.map((d) => d.spec).join(', ')} and the schemas with
@asyncapi/generator and this package's template (docs-template/), offline: one page per protocol
version (${SPEC_DOCUMENTS.map((d) => `${d.id}/index.html`).join(', ')}), a front page and build.json.
When the site was built from the same inputs (spec, schemas, template, generator), it does
nothing: prepare, prepack and CI all call it.

Options:
  --out DIR   folder to write (replaced as a whole); default: ${path.relative(process.cwd(), DEFAULT_SITE_DIR) || DEFAULT_SITE_DIR}
  --force     build even when the site is up to date
  --check     build nothing; exit 1 when the site is missing or out of date
  --help      show this help`;

async function main(): Promise<number> {
  let values: { out?: string; force?: boolean; check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        force: { type: 'boolean' },
        check: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = values.out ? path.resolve(values.out) : DEFAULT_SITE_DIR;
  const shown = path.relative(process.cwd(), outDir) || '.';
  if (values.check) {
    const status = docsSiteStatus(outDir);
    if (status.state === 'fresh') {
      console.log(`The docs site in ${shown}/ is up to date.`);
      return 0;
    }
    console.error(`The docs site in ${shown}/ is ${status.state}: ${status.reason}. Run: npm run docs`);
    return 1;
  }
  const result = await buildDocsSite(outDir, { log: (line) => console.log(line), force: values.force ?? false });
  if (result.skipped) {
    console.log(`The docs site in ${shown}/ is up to date with its inputs; nothing to build (--force rebuilds it).`);
  } else {
    console.log(`Built the docs site in ${(result.ms / 1000).toFixed(1)} s: ${shown}/index.html`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
