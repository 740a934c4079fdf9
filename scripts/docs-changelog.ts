// The changelog pages of the docs site: what the breaking-change check (`chats-ws-protocol diff
// --format markdown`) says between two protocol versions, rendered with the docs' own styles and
// version switcher, as site/<id>/index.html.
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { diffSpecs, formatMarkdown, loadSpec, openSource } from '../spec-diff/index.js';
import type { ChangelogPage, SiteEntry, SpecDocument } from './docs-versions.js';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The markdown changelog from one document to the other, as `chats-ws-protocol diff --format markdown` prints it. */
export function changelogMarkdown(root: string, base: SpecDocument, revision: SpecDocument): string {
  const load = (doc: SpecDocument) => {
    const source = openSource(doc.spec, root);
    const spec = source.ok ? loadSpec(source.value) : source;
    if (!spec.ok) throw new Error(`Cannot read ${doc.spec} for the changelog: ${spec.error.message}`);
    return spec.value;
  };
  return formatMarkdown(diffSpecs(load(base), load(revision)));
}

/** The page: the docs' stylesheet, the switcher with this page current, and the changelog. */
export function changelogPage(
  root: string,
  page: ChangelogPage,
  documents: readonly SpecDocument[],
  entries: readonly SiteEntry[],
  css: string,
): string {
  const find = (id: string): SpecDocument => {
    const doc = documents.find((d) => d.id === id);
    if (!doc) throw new Error(`scripts/docs-versions.ts: the changelog ${page.id} names no document ${id}`);
    return doc;
  };
  const base = find(page.base);
  const revision = find(page.revision);
  const body = md.render(changelogMarkdown(root, base, revision));
  const switcher = entries
    .map(
      (e) =>
        `<li><a href="../${e.id}/"${e.id === page.id ? ' aria-current="page"' : ''}>${escapeHtml(e.label)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(page.label)}</title>
<meta name="description" content="${escapeHtml(`What changed from ${base.label} to ${revision.label} of the protocol, and whom each change breaks.`)}" />
<link rel="icon" href="data:," />
<style>${css}</style>
</head>
<body>
<header class="topbar">
<a class="brand" href="../${page.revision}/">${escapeHtml(page.label)}</a>
<nav class="versions" aria-label="Protocol versions"><ul>${switcher}</ul></nav>
</header>
<main id="main" class="changelog">
<p class="lead">From <a href="../${base.id}/">${escapeHtml(base.label)}</a> (<code>${escapeHtml(base.spec)}</code>) to <a href="../${revision.id}/">${escapeHtml(revision.label)}</a> (<code>${escapeHtml(revision.spec)}</code>), as the breaking-change check reports it: <code>npx chats-ws-protocol diff ${escapeHtml(base.spec)} ${escapeHtml(revision.spec)} --format markdown</code>.</p>
${body}
</main>
</body>
</html>
`;
}

/** Writes every changelog page into `dir`. */
export function writeChangelogs(
  root: string,
  dir: string,
  pages: readonly ChangelogPage[],
  documents: readonly SpecDocument[],
  entries: readonly SiteEntry[],
  css: string,
): void {
  for (const page of pages) {
    fs.mkdirSync(path.join(dir, page.id), { recursive: true });
    fs.writeFileSync(path.join(dir, page.id, 'index.html'), changelogPage(root, page, documents, entries, css));
  }
}
