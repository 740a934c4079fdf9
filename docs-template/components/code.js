// Code the reader copies: examples as highlighted JSON, and ready-to-run connection snippets.
import { html, raw, escapeHtml } from './html';

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** JSON.stringify(value, null, 2), with spans for keys, strings, numbers and literals. */
export function highlightedJson(value) {
  const text = JSON.stringify(value, null, 2);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    out += escapeHtml(text.slice(last, match.index));
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined && colon !== undefined) {
      out += `<span class="j-key">${escapeHtml(string)}</span>${escapeHtml(colon)}`;
    } else if (string !== undefined) out += `<span class="j-str">${escapeHtml(string)}</span>`;
    else if (number !== undefined) out += `<span class="j-num">${number}</span>`;
    else out += `<span class="j-lit">${literal}</span>`;
    last = match.index + whole.length;
  }
  return raw(out + escapeHtml(text.slice(last)));
}

/** A code block with a copy button; `code` is markup (highlighted) or plain text. */
export function codeBlock({ label, code, language }) {
  return html`<figure class="code">
    <figcaption>
      <span class="code-label">${label}</span><span class="code-lang">${language}</span
      ><button type="button" class="copy">
        <span class="copy-state">Copy</span><span class="sr-only">: ${label}</span>
      </button>
    </figcaption>
    <pre tabindex="0" aria-label="${label}"><code>${code}</code></pre>
  </figure>`;
}

/**
 * Connection code for one security scheme, against `url` (the first server's WebSocket URL).
 * Returns null for a scheme of a shape this page has no snippet for.
 */
export function connectSnippets(scheme, url) {
  if (scheme.type === 'http' && scheme.scheme === 'bearer') {
    return {
      title: 'Authorization header',
      snippets: [
        {
          label: 'Node.js (ws)',
          language: 'js',
          code: [
            "import WebSocket from 'ws';",
            '',
            `const ws = new WebSocket('${url}', {`,
            "  headers: { Authorization: 'Bearer ' + token },",
            '});',
          ].join('\n'),
        },
        {
          label: 'Terminal (wscat)',
          language: 'sh',
          code: `npx wscat -c ${url} \\\n  -H "Authorization: Bearer $TOKEN"`,
        },
      ],
    };
  }
  if (scheme.type === 'httpApiKey' && scheme.in === 'query') {
    return {
      title: `Query parameter ?${scheme.name}=`,
      snippets: [
        {
          label: 'Browser',
          language: 'js',
          code: `const ws = new WebSocket('${url}?${scheme.name}=' + encodeURIComponent(token));`,
        },
      ],
    };
  }
  if (scheme.type === 'httpApiKey' && scheme.in === 'header' && /^sec-websocket-protocol$/i.test(scheme.name ?? '')) {
    return {
      title: 'Subprotocol Bearer',
      snippets: [
        {
          label: 'Browser',
          language: 'js',
          code: [
            `const ws = new WebSocket('${url}', ['Bearer', token]);`,
            "// ws.protocol === 'Bearer' once open: the server selected the subprotocol",
          ].join('\n'),
        },
      ],
    };
  }
  return null;
}

/** A first session: connect, send the first example of the first client event, log what arrives. */
export function quickStart(url, firstExample) {
  const frame = JSON.stringify(firstExample, null, 2).replace(/\n/g, '\n  ');
  return [
    "const token = '<token>'; // npm run mock prints one per user",
    `const ws = new WebSocket('${url}', ['Bearer', token]);`,
    '',
    'ws.onopen = () => {',
    `  ws.send(JSON.stringify(${frame}));`,
    '};',
    'ws.onmessage = (frame) => {',
    '  const event = JSON.parse(frame.data); // { type, content }',
    "  if (event.type === 'error') console.warn(event.content.code);",
    '  else console.log(event.type, event.content);',
    '};',
  ].join('\n');
}
