// `npm run docs`: generate the static HTML docs site from asyncapi.yaml into site/ (or --out DIR).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocsSite, DEFAULT_SITE_DIR } from './docs-site.js';

const USAGE = `Usage: npm run docs -- [--out DIR]

Generates the HTML docs of asyncapi.yaml with @asyncapi/generator and @asyncapi/html-template
(from this package's node_modules; no network) into one self-contained index.html.

Options:
  --out DIR   folder to write (replaced as a whole); default: ${path.relative(process.cwd(), DEFAULT_SITE_DIR) || DEFAULT_SITE_DIR}
  --help      show this help`;

async function main(): Promise<number> {
  let values: { out?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = values.out ? path.resolve(values.out) : DEFAULT_SITE_DIR;
  const { ms } = await buildDocsSite(outDir, { log: (line) => console.log(line) });
  console.log(`Done in ${(ms / 1000).toFixed(1)} s: ${path.join(outDir, 'index.html')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
