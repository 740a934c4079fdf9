// npm run docs, as CI and prepare run it: a fresh build into a folder of this run, its stamp, the
// no-op when nothing changed, the page budget, and what the generated markup holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES, buildDocsSite, docsSiteStatus } from '../../scripts/docs-site.js';
import { CHANGELOGS, SPEC_DOCUMENTS } from '../../scripts/docs-versions.js';
import { ROOT } from '../../scripts/lib/catalogue.js';
import { diffSpecs, loadSpec, openSource } from '../../spec-diff/index.js';
import { errorCodes, events, printed } from './spec-facts.js';

const SITE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chats-ws-docs-build-')), 'site');
let html = '';

beforeAll(async () => {
  const { ms, skipped } = await buildDocsSite(SITE, { force: true });
  expect(skipped).toBe(false);
  console.log(`docs site built in ${(ms / 1000).toFixed(1)} s: ${SITE}`);
  html = fs.readFileSync(path.join(SITE, 'v1', 'index.html'), 'utf8');
}, 240_000);

afterAll(() => {
  fs.rmSync(path.dirname(SITE), { recursive: true, force: true });
});

/** What a reader can read of the page: its markup without tags, scripts and styles, entities decoded. */
const text = (): string =>
  html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('npm run docs', () => {
  it('writes one page per spec document and changelog, a front page that opens the current one, and a stamp', () => {
    expect(fs.readdirSync(SITE).sort()).toEqual(
      ['build.json', 'index.html', ...SPEC_DOCUMENTS.map((d) => d.id), ...CHANGELOGS.map((c) => c.id)].sort(),
    );
    const stamp = JSON.parse(fs.readFileSync(path.join(SITE, 'build.json'), 'utf8')) as Record<string, unknown>;
    expect(stamp).toMatchObject({
      current: 'v1',
      versions: [
        { id: 'v1', label: 'Version 1' },
        { id: 'v2', label: 'Version 2' },
      ],
      changelogs: [{ id: 'changelog', label: 'Changes 1 → 2' }],
    });
    expect(stamp.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(SITE, 'index.html'), 'utf8')).toContain(
      '<meta http-equiv="refresh" content="0; url=v1/">',
    );
    expect(docsSiteStatus(SITE).state).toBe('fresh');
  });

  it('builds nothing the second time, the inputs being the same', async () => {
    const before = fs.statSync(path.join(SITE, 'v1', 'index.html')).mtimeMs;
    const again = await buildDocsSite(SITE);
    expect(again.skipped).toBe(true);
    expect(fs.statSync(path.join(SITE, 'v1', 'index.html')).mtimeMs).toBe(before);
  });

  it('finds the site stale once its stamp names other inputs', () => {
    const other = path.join(path.dirname(SITE), 'copy');
    fs.cpSync(SITE, other, { recursive: true });
    const stampFile = path.join(other, 'build.json');
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { inputsHash: string };
    fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, inputsHash: '0'.repeat(64) }));
    expect(docsSiteStatus(other).state).toBe('stale');
    fs.rmSync(path.join(other, 'v1'), { recursive: true });
    expect(docsSiteStatus(other).state).toBe('missing');
  });

  it(`keeps each page under the budget of ${PAGE_BUDGET_BYTES / 1024} KB, self-contained`, () => {
    for (const doc of SPEC_DOCUMENTS) {
      const size = fs.statSync(path.join(SITE, doc.id, 'index.html')).size;
      console.log(`${doc.id}/index.html: ${(size / 1024).toFixed(1)} KB`);
      expect(size).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    }
    // Nothing loaded from elsewhere: no src at all, and links only to anchors, other pages of the site or the icon.
    expect(html).not.toMatch(/\bsrc=/);
    const hrefs = [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.filter((h) => !/^(#[\w-]+|\.\.\/(v\d+|changelog)\/|data:,)$/.test(h))).toEqual([]);
  });

  it('shows version 2 beside version 1, and the changelog between them that the breaking-change check writes', () => {
    const v2 = fs.readFileSync(path.join(SITE, 'v2', 'index.html'), 'utf8');
    expect(v2).toMatch(/<a href="\.\.\/v2\/"\s+aria-current="page">\s*Version 2/);
    expect(v2).toContain('<code>/ws/chat/</code>');
    expect(v2).toContain('edit_message');
    const page = fs.readFileSync(path.join(SITE, 'changelog', 'index.html'), 'utf8');
    const load = (file: string) => {
      const source = openSource(file, ROOT);
      const spec = source.ok ? loadSpec(source.value) : source;
      if (!spec.ok) throw new Error(spec.error.message);
      return spec.value;
    };
    const { summary } = diffSpecs(load('asyncapi.yaml'), load('protocols/v2/asyncapi.yaml'));
    expect(page).toContain(`<h2>Breaking changes (${summary.breaking})</h2>`);
    expect(page).toContain(`<h2>Non-breaking changes (${summary.nonBreaking})</h2>`);
    expect(page).toContain('<a href="../changelog/" aria-current="page">Changes 1 → 2</a>');
    expect(page).toContain('<code>channel.address-changed</code>');
    expect(page).not.toMatch(/\bsrc=/);
  });

  it('renders every Markdown text: no backtick and no Markdown markup left in the text', () => {
    expect(text()).not.toContain('`');
    expect(text()).not.toMatch(/\*\*|\]\(|^#+ /m);
  });

  it.each(events.flatMap((e) => (e.message.examples ?? []).map((x, i) => [`${e.id} #${i + 1}`, x.payload] as const)))(
    'holds the example %s, as JSON',
    (_, payload) => {
      expect(text()).toContain(printed(payload));
    },
  );

  it('holds a row for every error code, each with the events it refuses', () => {
    for (const code of errorCodes) expect(html).toContain(`<tr id="error-${code}">`);
    for (const event of events.filter((e) => e.message['x-refusals'])) {
      for (const refusal of event.message['x-refusals'] ?? []) {
        expect(html, `${event.id} refuses ${refusal.code}`).toContain(`href="#error-${refusal.code}"`);
      }
    }
  });
});
