// The inspector page's files (inspector/dist/, bundled by inspector/build.ts). Running from the
// TypeScript sources (a clone, under tsx), they are built on first use and rebuilt when older than
// the sources (esbuild takes a fraction of a second); the published package ships them built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT, RUNNING_FROM_SOURCE } from '../paths.js';

export const INSPECTOR_DIST = path.join(PACKAGE_ROOT, 'inspector', 'dist');
/** The builder; only importable under tsx (it is TypeScript and not part of the compiled package). */
export const INSPECTOR_BUILDER = path.join(PACKAGE_ROOT, 'inspector', 'build.ts');
export const BUILD_COMMAND = 'npm run inspector:build';

export interface InspectorBuilder {
  buildInspector(outDir?: string): Promise<unknown>;
  isInspectorStale(outDir?: string): boolean;
}

export type AssetsStatus = { ok: true; dir: string } | { ok: false; message: string };

export interface InspectorAssetsOptions {
  distDir?: string;
  /** The builder module, or null when it cannot be used here (compiled JavaScript). */
  builderPath?: string | null;
  load?: (modulePath: string) => Promise<InspectorBuilder>;
  warn?: (message: string) => void;
}

const hasPage = (dir: string): boolean =>
  existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'inspector.js'));

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** One build at a time per folder in this process (several mocks may share it). */
const building = new Map<string, Promise<void>>();

export class InspectorAssets {
  readonly dir: string;
  private readonly builderPath: string | null;
  private readonly load: (modulePath: string) => Promise<InspectorBuilder>;
  private readonly warn: (message: string) => void;
  private builder: Promise<InspectorBuilder> | null = null;
  private lastFailure: string | null = null;

  constructor(options: InspectorAssetsOptions = {}) {
    this.dir = options.distDir ?? INSPECTOR_DIST;
    const builderPath =
      options.builderPath === undefined ? (RUNNING_FROM_SOURCE ? INSPECTOR_BUILDER : null) : options.builderPath;
    this.builderPath = builderPath !== null && existsSync(builderPath) ? builderPath : null;
    this.load = options.load ?? (async (file) => (await import(pathToFileURL(file).href)) as InspectorBuilder);
    this.warn = options.warn ?? (() => {});
  }

  /** Makes sure the page is built (and, from sources, fresh); says why when it cannot be. */
  async ready(): Promise<AssetsStatus> {
    if (!this.builderPath) {
      if (hasPage(this.dir)) return { ok: true, dir: this.dir };
      return {
        ok: false,
        message: `The inspector page is not built (${path.relative(PACKAGE_ROOT, this.dir) || this.dir} is missing). From a clone of the repository run ${BUILD_COMMAND}, then reload.`,
      };
    }
    try {
      const builder = await (this.builder ??= this.load(this.builderPath));
      if (hasPage(this.dir) && !builder.isInspectorStale(this.dir)) return { ok: true, dir: this.dir };
      let build = building.get(this.dir);
      if (!build) {
        build = builder
          .buildInspector(this.dir)
          .then(() => undefined)
          .finally(() => building.delete(this.dir));
        building.set(this.dir, build);
      }
      await build;
      this.lastFailure = null;
      return { ok: true, dir: this.dir };
    } catch (err) {
      this.builder = null;
      const why = reason(err);
      const esbuildMissing = /esbuild/i.test(why) && /cannot find|not found|resolve/i.test(why);
      const message = esbuildMissing
        ? `The inspector page could not be built: esbuild is unavailable (${why}). Install the dev dependencies (npm install) and run ${BUILD_COMMAND}.`
        : `The inspector page could not be built: ${why}. Fix it and run ${BUILD_COMMAND}.`;
      if (message !== this.lastFailure) this.warn(message);
      this.lastFailure = message;
      // An older build still beats no page.
      if (hasPage(this.dir)) return { ok: true, dir: this.dir };
      return { ok: false, message };
    }
  }
}
