// The docs site, generated once from asyncapi.yaml, then opened in headless Debian Chromium: what a
// reader sees, not merely what the HTML source holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsSite } from '../../scripts/docs-site.js';
import { collectPageErrors, launchChromium, testOutputDir } from '../helpers/browser.js';
import {
  addresses,
  allExamples,
  eventNames,
  keysOf,
  lettersAndDigits,
  markdownLettersAndDigits,
  operations,
  printed,
  spec,
} from './spec-facts.js';

const OUTPUT = testOutputDir('docs-site'); // screenshots
// The site itself goes to a folder of this run: runs in the same tree must not replace each other's.
const SITE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chats-ws-docs-test-')), 'site');
const INDEX = path.join(SITE, 'index.html');

let html = '';
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[] = [];
const externalRequests: string[] = [];

beforeAll(async () => {
  const { ms } = await buildDocsSite(SITE);
  console.log(`docs site built in ${(ms / 1000).toFixed(1)} s: ${INDEX}`);
  html = fs.readFileSync(INDEX, 'utf8');
}, 180_000);

afterAll(() => {
  fs.rmSync(path.dirname(SITE), { recursive: true, force: true });
});

const operationPanel = (op: { action: string; id: string }): Locator =>
  page.locator(`[id="operation-${op.action}-${op.id}"]`);

/** Clicks every visible "Expand all" inside `scope`, one at a time, until none is left. */
async function expandAll(scope: Locator): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const button = scope.getByRole('button', { name: 'Expand all', exact: true }).first();
    if (!(await button.isVisible())) return;
    await button.click();
  }
  throw new Error('"Expand all" buttons keep appearing');
}

describe('generated HTML', () => {
  it('is one self-contained index.html', () => {
    expect(fs.readdirSync(SITE)).toEqual(['index.html']);
    // Tags only: the inlined scripts and styles hold markup-like strings of their own.
    const tags = html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?<\/\2>/g, '$1');
    expect(tags).toContain('<script');
    expect(tags).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)="(?!data:)/);
  });

  /** The text of the server-rendered markup (before the scripts, which also carry the spec as JSON). */
  const renderedText = (): string =>
    html
      .slice(html.indexOf('<div id="root">'), html.indexOf('<script'))
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');

  it.each(allExamples.map((e) => [`${e.messageKey} ${e.name ?? ''}`, e] as const))(
    'holds the example %s in its server-rendered markup',
    (_, example) => {
      expect(renderedText()).toContain(printed(example.payload));
    },
  );

  it("holds the protocol document's example", () => {
    expect(renderedText()).toContain(
      printed({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
      }),
    );
  });
});

describe('rendered in Chromium (1920 px wide)', () => {
  // Its own hook: it may install Chromium with apt-get first, which takes minutes.
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1200 } });
    pageErrors = collectPageErrors(page);
    page.on('request', (request) => {
      if (!/^(file|data|about):/.test(request.url())) externalRequests.push(request.url());
    });
    await page.goto(pathToFileURL(INDEX).href, { waitUntil: 'load' });
    // The page is rendered on the server, then React takes it over: wait until React owns the buttons.
    await page.waitForFunction(() => {
      const button = document.querySelector('#root button');
      return button !== null && Object.keys(button).some((key) => key.startsWith('__react'));
    });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every event name and the address, with the sidebar, and saves a screenshot', async () => {
    await page.screenshot({ path: path.join(OUTPUT, 'page.png') });
    const body = await page.locator('body').innerText();
    expect(eventNames.length).toBeGreaterThanOrEqual(7);
    for (const name of eventNames) {
      expect(body, `event ${name}`).toContain(name);
      // The heading of its message: "new_message (client -> server)", or the bare name.
      const heading = page.getByText(new RegExp(`^${name}( \\(|$)`)).filter({ visible: true });
      expect(await heading.count(), `a visible heading for ${name}`).toBeGreaterThan(0);
    }
    for (const address of addresses) {
      expect(body).toContain(address);
      expect(await page.getByText(address, { exact: true }).filter({ visible: true }).count()).toBeGreaterThan(0);
    }
    await expect(page.locator('.sidebar').first().isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('loads nothing from the network', () => {
    expect(externalRequests).toEqual([]);
  });

  it('describes every way to authenticate', async () => {
    const servers = lettersAndDigits(await page.locator('#servers').innerText());
    for (const [name, scheme] of Object.entries(spec.components.securitySchemes)) {
      expect(servers, `security scheme ${name}`).toContain(markdownLettersAndDigits(scheme.description));
    }
    const intro = lettersAndDigits(await page.locator('#introduction').innerText());
    const authentication = spec.info.description.split('## Authentication')[1]?.split('\n## ')[0] ?? '';
    expect(authentication).not.toBe('');
    expect(intro).toContain(markdownLettersAndDigits(authentication));
  });

  describe.each(operations.map((op) => [op.id, op] as const))('operation %s', (_, op) => {
    const direction = op.action === 'receive' ? 'client -> server' : 'server -> client';

    it(`shows its direction (${direction}), its message and the rules of its description`, async () => {
      const panel = operationPanel(op);
      await panel.scrollIntoViewIfNeeded();
      const text = await panel.innerText();
      expect(text).toContain(op.action.toUpperCase());
      expect(text).toContain(op.address);
      expect(op.summary.toLowerCase().startsWith(`${direction}:`), `summary of ${op.id} names the direction`).toBe(
        true,
      );
      expect(text).toContain(op.summary);
      expect(text).toContain(op.message.title ?? op.message.name);
      expect(lettersAndDigits(text)).toContain(markdownLettersAndDigits(op.message.description ?? ''));
      expect(lettersAndDigits(op.message.description ?? '')).toContain(lettersAndDigits(`Direction: ${direction}`));
    });

    it('shows the payload schema, with every field its examples use', async () => {
      const payload = operationPanel(op);
      await expandAll(payload);
      // Expanding re-renders the nested schemas a moment after the click.
      const fields = [...keysOf((op.message.examples ?? []).map((e) => e.payload))];
      expect(fields).toContain('type');
      const hidden = async (): Promise<string[]> => {
        const missing: string[] = [];
        for (const key of fields) {
          if (!(await payload.getByText(key, { exact: true }).first().isVisible())) missing.push(key);
        }
        return missing;
      };
      await expect.poll(hidden, { timeout: 5_000, message: 'fields not shown in the payload schema' }).toEqual([]);
    });

    it('shows every example once Examples is expanded', async () => {
      const examples = operationPanel(op).locator('.examples').first();
      await examples.getByRole('button', { name: 'Payload' }).click();
      expect(op.message.examples?.length).toBeGreaterThan(0);
      const expected = (op.message.examples ?? []).flatMap((e) => [printed(e.payload), e.name ?? '', e.summary ?? '']);
      const missing = async (): Promise<string[]> => {
        const text = await examples.innerText();
        return expected.filter((part) => !text.includes(part));
      };
      await expect.poll(missing, { timeout: 5_000, message: 'examples not shown' }).toEqual([]);
    });
  });

  it("shows the protocol document's example", async () => {
    const op = operations.find((o) => o.action === 'receive' && o.message.name === 'new_message');
    expect(op).toBeDefined();
    const panel = operationPanel(op!);
    const examples = panel.locator('.examples').first();
    if (!(await examples.locator('pre').first().isVisible())) {
      await examples.getByRole('button', { name: 'Payload' }).click();
    }
    const lines = ['"chat_id": "12_23"', '"message": "hello world"', '"reply_to": 54'];
    const missing = async (): Promise<string[]> => {
      const text = await examples.locator('pre').filter({ visible: true }).allInnerTexts();
      return lines.filter((line) => !text.some((block) => block.includes(line)));
    };
    await expect.poll(missing, { timeout: 5_000 }).toEqual([]);
    // A page shot: the page scrolls inside its own container, which element shots render badly.
    await examples.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, `operation-${op!.id}.png`) });
  });

  it('logged no console error and threw no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
