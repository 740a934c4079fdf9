// Markdown of the spec's descriptions, rendered to HTML with markdown-it: inline code as <code>,
// lists, emphasis and links; raw HTML in the source is shown as text, never run.
import MarkdownIt from 'markdown-it';
import { raw } from './html';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** "client -> server" reads as "client → server" once rendered (text only, never inside code). */
md.core.ruler.push('arrows', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    for (const token of block.children) {
      if (token.type === 'text') token.content = token.content.replace(/\s->\s/g, ' → ');
    }
  }
});

/** Headings inside a description sit below the section that shows it. */
function shiftHeadings(tokens, by) {
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + by)}`;
    }
  }
  return tokens;
}

/** A block of Markdown as HTML; `headingShift` pushes its headings down (## becomes h4 with 2). */
export function markdown(source, headingShift = 0) {
  if (!source) return raw('');
  const env = {};
  const tokens = shiftHeadings(md.parse(source, env), headingShift);
  return raw(md.renderer.render(tokens, md.options, env));
}

/** One line of Markdown (a table cell, a summary): no paragraph around it. */
export function markdownInline(source) {
  if (!source) return raw('');
  return raw(md.renderInline(String(source)));
}

/** A table cell reads as a sentence: its first letter upper case (unless it starts with code). */
export const sentence = (text) => String(text).replace(/^[a-z]/, (c) => c.toUpperCase());

/**
 * Splits a Markdown text at its `## ` headings: the text before the first one, then one entry per
 * heading with its body. Used to place the sections of the spec's introduction where readers
 * look for them (authentication beside the connection code, errors beside the error table).
 */
export function sectionsOf(source) {
  const parts = String(source ?? '').split(/^## +/m);
  const lead = parts.shift() ?? '';
  return {
    lead: lead.trim(),
    sections: parts.map((part) => {
      const newline = part.indexOf('\n');
      const title = (newline === -1 ? part : part.slice(0, newline)).trim();
      return { title, body: newline === -1 ? '' : part.slice(newline + 1).trim() };
    }),
  };
}

/**
 * The items of a Markdown bullet list that start with an inline code span: `- \`code\`: text`.
 * Gives a map code -> text (the rest of the item, Markdown), in the list's order.
 */
export function codeListItems(source) {
  const items = new Map();
  const lines = String(source ?? '').split('\n');
  let current = null;
  for (const line of lines) {
    const start = /^\s*[-*] +`([^`]+)`\s*:\s*(.*)$/.exec(line);
    if (start) {
      current = start[1];
      items.set(current, start[2]);
    } else if (current && /^\s{2,}\S/.test(line)) {
      items.set(current, `${items.get(current)} ${line.trim()}`);
    } else {
      current = null;
    }
  }
  return items;
}
