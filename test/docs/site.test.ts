// The docs site as a reader gets it: `npm run mock`, then /docs in headless Debian Chromium at
// 1280×800 and 1920×1080. What is visible, not merely what the HTML source holds.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { PAGE_BUDGET_BYTES, buildDocsSite } from '../../scripts/docs-site.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import { addresses, errorCodes, events, keysOf, printed, securitySchemes } from './spec-facts.js';

const OUTPUT = testOutputDir('docs-site'); // screenshots
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

let mock: MockServer;

/** Scrolls so that `selector` starts at the top of the window (below the sticky bar), for a screenshot. */
const scrollToTop = (page: Page, selector: string): Promise<void> =>
  page.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), selector);
let browser: Browser | undefined;

beforeAll(async () => {
  // What prepare did at install: a no-op when site/ is up to date.
  const { ms, skipped } = await buildDocsSite();
  console.log(skipped ? 'site/ is up to date' : `site/ built in ${(ms / 1000).toFixed(1)} s`);
  mock = await startMockServer({ port: 0, bots: false });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe('/docs on the mock', () => {
  it('serves the full site with the first response after start: no wait page', async () => {
    const front = await fetch(`${mock.url}/docs/`, { redirect: 'manual' });
    expect(front.status).toBe(302);
    expect(front.headers.get('location')).toBe('/docs/v1/');
    const page = await fetch(`${mock.url}/docs/v1/`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body.length).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    for (const event of events) expect(body).toContain(`id="${event.id}"`);
  });
});

describe.each(VIEWPORTS)('the docs page at $width×$height', (viewport) => {
  const name = `${viewport.width}x${viewport.height}`;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const requests: string[] = [];

  beforeAll(async () => {
    context = await browser!.newContext({ viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: mock.url });
    page = await context.newPage();
    errors = collectPageErrors(page);
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${mock.url}/docs/`, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(OUTPUT, `${name}-top.png`) });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('opens the current version and loads nothing but the page', () => {
    expect(page.url()).toBe(`${mock.url}/docs/v1/`);
    expect(requests).toEqual([`${mock.url}/docs/`, `${mock.url}/docs/v1/`]);
  });

  it('shows the navigation, in the window, with every event', async () => {
    const nav = page.getByRole('navigation', { name: 'Contents' });
    await expect(nav.isVisible()).resolves.toBe(true);
    const box = await nav.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBe(0);
    expect(box!.width).toBeGreaterThan(200);
    for (const event of events) {
      const link = nav.locator(`a[href="#${event.id}"]`);
      await expect(link.isVisible(), `navigation link to ${event.id}`).resolves.toBe(true);
      expect(await link.innerText()).toBe(event.name);
    }
  });

  it('shows the endpoint in the first screen', async () => {
    for (const address of addresses) {
      const endpoint = page.locator('.endpoint code', { hasText: address });
      await expect(endpoint.isVisible()).resolves.toBe(true);
      const box = await endpoint.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    }
  });

  it('shows every event with its direction, its examples (no click), its refusals and its fields', async () => {
    for (const event of events) {
      const section = page.locator(`section#${event.id}`);
      await section.scrollIntoViewIfNeeded();
      await expect(section.locator('h3').isVisible()).resolves.toBe(true);
      expect(await section.locator('h3').innerText()).toBe(event.name);
      expect(await section.locator('.badge').innerText()).toBe(event.direction);
      const code = await section.locator('.event-examples pre').allInnerTexts();
      for (const example of event.message.examples ?? []) {
        expect(code, `an example of ${event.id}`).toContain(printed(example.payload));
      }
      for (const pre of await section.locator('.event-examples pre').all()) {
        await expect(pre.isVisible()).resolves.toBe(true);
      }
      const refusals = event.message['x-refusals'] ?? [];
      const rows = await section.locator('table.refusals tbody th').allInnerTexts();
      expect(rows).toEqual(refusals.map((r) => r.code));
      const fields = (await section.locator('table.fields tbody th').allInnerTexts()).map((f) =>
        f.replace(/\s+optional$/, ''),
      );
      const named = new Set(fields.map((f) => f.split('.').pop()!.replace('[]', '')));
      for (const key of keysOf((event.message.examples ?? []).map((e) => e.payload))) {
        expect(named.has(key), `${event.id}: a field row for ${key}`).toBe(true);
      }
    }
    await scrollToTop(page, 'section#client-new_message');
    await page.screenshot({ path: path.join(OUTPUT, `${name}-new_message.png`) });
  });

  it('shows the three ways to connect, each with ready code, and the error-code table', async () => {
    const ways = page.locator('#connect .way');
    expect(await ways.count()).toBe(securitySchemes.length);
    for (const way of await ways.all()) {
      const code = await way.locator('pre').allInnerTexts();
      expect(code.join('\n')).toMatch(/new WebSocket\(|wscat -c/);
    }
    await scrollToTop(page, '#connect');
    await page.screenshot({ path: path.join(OUTPUT, `${name}-connect.png`) });
    for (const code of errorCodes) {
      const row = page.locator(`tr#error-${code}`);
      await row.scrollIntoViewIfNeeded();
      await expect(row.isVisible()).resolves.toBe(true);
      expect(await row.locator('th').innerText()).toBe(code);
    }
    await scrollToTop(page, '#errors');
    await page.screenshot({ path: path.join(OUTPUT, `${name}-errors.png`) });
  });

  it('copies an example with its Copy button', async () => {
    const event = events.find((e) => e.id === 'client-new_message')!;
    const button = page.locator('section#client-new_message .event-examples button.copy').first();
    await button.click();
    await expect.poll(() => button.locator('.copy-state').innerText()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(printed(event.message.examples?.[0]?.payload));
  });

  it('shows no backtick and breaks no name over two lines', async () => {
    expect(await page.locator('body').innerText()).not.toContain('`');
    const broken = await page.evaluate(() => {
      const out: string[] = [];
      // Names in code (event names, fields, codes) keep to one line; navigation entries do not overflow.
      for (const el of document.querySelectorAll<HTMLElement>('code:not(.field):not(.pattern):not(pre code)')) {
        if (el.offsetParent !== null && el.getClientRects().length > 1) out.push(`code ${el.textContent}`);
      }
      for (const el of document.querySelectorAll<HTMLElement>('.sidebar a, .nav-heading')) {
        if (el.scrollWidth > el.clientWidth) out.push(`navigation ${el.textContent}`);
      }
      const style = getComputedStyle(document.body);
      if (style.overflowWrap !== 'normal' || style.wordBreak !== 'normal') out.push('body breaks words');
      return out;
    });
    expect(broken).toEqual([]);
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Violation[] }> } }).axe;
      interface Violation {
        id: string;
        impact: string;
        help: string;
        nodes: { target: string[] }[];
      }
      const result = await axe.run({ resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 5)
              .join(', ')})`,
        );
    });
    expect(violations).toEqual([]);
  }, 120_000);

  it('logged no console error and threw no page error', async () => {
    await page.screenshot({ path: path.join(OUTPUT, `${name}-full.png`), fullPage: viewport.width === 1920 });
    expect(errors).toEqual([]);
  });
});
