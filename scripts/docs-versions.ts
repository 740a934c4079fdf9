// The spec documents the docs site shows, as data: one entry per protocol version, each rendered
// by the same template into site/<id>/index.html, oldest first. /docs/ opens the last one.
//
// A later version (a second AsyncAPI document with its own schemas) is one more entry here; a
// changelog page between two versions (markdown from the breaking-change checker) would sit
// beside them as site/changelog/ and join `versions` in the switcher.

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
}

export const SPEC_DOCUMENTS: readonly SpecDocument[] = [
  { id: 'v1', label: 'Version 1', spec: 'asyncapi.yaml', inputs: ['asyncapi.yaml', 'schemas'] },
];

/** The version the site's front page opens. */
export function currentDocument(documents: readonly SpecDocument[] = SPEC_DOCUMENTS): SpecDocument {
  const last = documents[documents.length - 1];
  if (!last) throw new Error('scripts/docs-versions.ts lists no spec document.');
  return last;
}
