// The spec documents the docs site shows, as data: one entry per protocol version, each rendered
// by the same template into site/<id>/index.html, oldest first, and the changelog pages between
// two of them (the breaking-change check's markdown, site/<id>/index.html too). /docs/ opens the
// current version: version 1, the protocol document's, stays the default.

/** One AsyncAPI document of the site. Paths are relative to the package root. */
export interface SpecDocument {
  /** Its folder in the site, and its id in the version switcher: `v1` gives site/v1/index.html. */
  id: string;
  /** What the version switcher shows. */
  label: string;
  /** The AsyncAPI document. */
  spec: string;
  /** Every file or folder the document reads (the document itself, the schemas it `$ref`s). */
  inputs: readonly string[];
  /** The version the front page opens (else the last one). */
  current?: boolean;
}

export const SPEC_DOCUMENTS: readonly SpecDocument[] = [
  { id: 'v1', label: 'Version 1', spec: 'asyncapi.yaml', inputs: ['asyncapi.yaml', 'schemas'], current: true },
  { id: 'v2', label: 'Version 2', spec: 'protocols/v2/asyncapi.yaml', inputs: ['protocols/v2'] },
];

/** A page of what changed from one document (`base`, an id above) to another (`revision`). */
export interface ChangelogPage {
  id: string;
  label: string;
  base: string;
  revision: string;
}

export const CHANGELOGS: readonly ChangelogPage[] = [
  { id: 'changelog', label: 'Changes 1 → 2', base: 'v1', revision: 'v2' },
];

/** An entry of the version switcher. */
export interface SiteEntry {
  id: string;
  label: string;
}

/** The switcher's entries: every version, then every changelog. */
export const siteEntries = (): SiteEntry[] =>
  [...SPEC_DOCUMENTS, ...CHANGELOGS].map(({ id, label }) => ({ id, label }));

/** The version the site's front page opens. */
export function currentDocument(documents: readonly SpecDocument[] = SPEC_DOCUMENTS): SpecDocument {
  const current = documents.find((d) => d.current) ?? documents[documents.length - 1];
  if (!current) throw new Error('scripts/docs-versions.ts lists no spec document.');
  return current;
}
