// Files of the package, found from this module whether it runs from mock-server/ (tsx) or
// dist/mock-server/ (compiled), or from an installed copy in node_modules.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'chats-ws-protocol';

export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // Not a readable package.json: keep walking up.
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`No package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Whether this module runs from TypeScript sources (tsx) rather than compiled JavaScript. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

export const PACKAGE_ROOT = findPackageRoot(HERE);
export const ASYNCAPI_YAML = path.join(PACKAGE_ROOT, 'asyncapi.yaml');
export const ASYNCAPI_JSON = path.join(PACKAGE_ROOT, 'generated', 'asyncapi.json');
/** Where the docs site is built (scripts/docs-site.ts's DEFAULT_SITE_DIR). */
export const SITE_DIR = path.join(PACKAGE_ROOT, 'site');
/** The docs site builder: the TypeScript source under tsx, its compiled copy otherwise (absent from the published package). */
export const DOCS_BUILDER = RUNNING_FROM_SOURCE
  ? path.join(PACKAGE_ROOT, 'scripts', 'docs-site.ts')
  : path.join(PACKAGE_ROOT, 'dist', 'scripts', 'docs-site.js');

/** The version of this package, from its package.json ("0.0.0" if it cannot be read). */
export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Protocol version 2: its AsyncAPI and OpenAPI documents, as written and bundled. */
export const V2_FILES = {
  asyncapiYaml: path.join(PACKAGE_ROOT, 'protocols', 'v2', 'asyncapi.yaml'),
  asyncapiJson: path.join(PACKAGE_ROOT, 'generated', 'v2', 'asyncapi.json'),
  openapiYaml: path.join(PACKAGE_ROOT, 'protocols', 'v2', 'openapi.yaml'),
  openapiJson: path.join(PACKAGE_ROOT, 'generated', 'v2', 'openapi.json'),
} as const;
