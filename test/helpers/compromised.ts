// Versions of packages that were published with malware (and unpublished). The lockfile must
// resolve none of them; keep this list the one place they are named.
export const COMPROMISED_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  '@asyncapi/generator': ['3.3.1'],
  '@asyncapi/specs': ['6.11.2'],
};

export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
}

/** The package name of a package-lock.json `packages` key: what follows the last `node_modules/`. */
export function nameOfLockKey(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  return at < 0 ? key : key.slice(at + 'node_modules/'.length);
}

/**
 * Every entry of a lockfile's `packages` that resolves a compromised version, as
 * `<key> -> <name>@<version>`. Aliases (`"x": "npm:@asyncapi/specs@…"`) count by their real name.
 */
export function compromisedEntries(packages: Readonly<Record<string, LockEntry>>): string[] {
  const found: string[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    const name = entry.name ?? nameOfLockKey(key);
    for (const [badName, versions] of Object.entries(COMPROMISED_VERSIONS)) {
      const basename = badName.split('/').pop() ?? badName;
      for (const bad of versions) {
        const byVersion = name === badName && entry.version === bad;
        // e.g. https://registry.npmjs.org/@asyncapi/specs/-/specs-6.11.2.tgz
        const byTarball = entry.resolved?.includes(`${badName}/-/${basename}-${bad}.tgz`) ?? false;
        if (byVersion || byTarball) found.push(`${key} -> ${badName}@${bad}`);
      }
    }
  }
  return found;
}
