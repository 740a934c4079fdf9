// Formatted, coloured JSON as DOM nodes (text nodes only: a frame's text is never parsed as HTML).
import { h } from './dom.js';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\b(null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

export function jsonView(value: unknown): HTMLPreElement {
  const pre = h('pre', { class: 'json' });
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
  if (typeof value === 'string') {
    pre.classList.add('json-raw');
    pre.textContent = text;
    return pre;
  }
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) pre.append(text.slice(last, index));
    const [whole, str, colon, bool, nil, num] = match;
    if (str !== undefined) {
      pre.append(h('span', { class: colon ? 'j-key' : 'j-str' }, str));
      if (colon) pre.append(colon);
    } else if (bool !== undefined) pre.append(h('span', { class: 'j-bool' }, bool));
    else if (nil !== undefined) pre.append(h('span', { class: 'j-null' }, nil));
    else if (num !== undefined) pre.append(h('span', { class: 'j-num' }, num));
    else pre.append(whole);
    last = index + whole.length;
  }
  if (last < text.length) pre.append(text.slice(last));
  return pre;
}
