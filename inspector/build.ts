// Bundles the inspector page (inspector/src/main.ts, index.html, style.css) into inspector/dist/
// with esbuild: one browser script, no CDN, works offline. `npm run inspector:build`; the mock's
// inspector route calls buildInspector() itself when dist/ is missing or older than the sources.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const INSPECTOR_DIR = path.dirname(fileURLToPath(import.meta.url));
export const INSPECTOR_SRC = path.join(INSPECTOR_DIR, 'src');
export const INSPECTOR_DIST = path.join(INSPECTOR_DIR, 'dist');
/** Files copied as they are next to the bundle. */
const STATIC_FILES = ['index.html', 'style.css'] as const;

export interface BuildResult {
  outDir: string;
  files: string[];
  milliseconds: number;
}

/**
 * Builds into `outDir` (inspector/dist by default). The files are written to a temporary folder
 * first and moved into place one by one, so a server reading them never sees half a file.
 */
export async function buildInspector(outDir = INSPECTOR_DIST): Promise<BuildResult> {
  const started = Date.now();
  const esbuild = await import('esbuild');
  // Inside outDir (git-ignored), so a build that is killed leaves nothing in the tree.
  mkdirSync(outDir, { recursive: true });
  const temp = mkdtempSync(path.join(outDir, '.build-'));
  try {
    await esbuild.build({
      entryPoints: [path.join(INSPECTOR_SRC, 'main.ts')],
      outfile: path.join(temp, 'inspector.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      // Minified: the bundle ships in the package (the page's code stays readable in inspector/src).
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'silent',
      charset: 'utf8',
    });
    for (const file of STATIC_FILES) copyFileSync(path.join(INSPECTOR_DIR, file), path.join(temp, file));
    const files = readdirSync(temp).sort();
    for (const file of files) renameSync(path.join(temp, file), path.join(outDir, file));
    return { outDir, files, milliseconds: Date.now() - started };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether `outDir` lacks the page or is older than the inspector's sources (or the protocol core bundled in). */
export function isInspectorStale(outDir = INSPECTOR_DIST): boolean {
  const built = statSync(path.join(outDir, 'inspector.js'), { throwIfNoEntry: false });
  const page = statSync(path.join(outDir, 'index.html'), { throwIfNoEntry: false });
  if (!built || !page) return true;
  const root = path.dirname(INSPECTOR_DIR);
  const sources = [
    newestMtime(INSPECTOR_SRC),
    ...STATIC_FILES.map((file) => statSync(path.join(INSPECTOR_DIR, file)).mtimeMs),
    newestMtime(path.join(root, 'protocol')),
    newestMtime(path.join(root, 'generated')),
  ];
  return Math.max(...sources) > Math.min(built.mtimeMs, page.mtimeMs);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildInspector().then(
    (result) =>
      console.log(
        `inspector: built ${result.files.join(', ')} into ${path.relative(process.cwd(), result.outDir) || '.'} in ${result.milliseconds} ms`,
      ),
    (err: unknown) => {
      console.error(`inspector: build failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
