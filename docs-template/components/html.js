// Safe-by-default HTML: `html` escapes every interpolated value unless it is markup made by `html`
// (or `raw`) itself. The React SDK's renderer writes strings as they are, so escaping is ours.

class Markup {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup already safe (rendered Markdown, a page's own CSS and script). */
export function raw(text) {
  return new Markup(String(text));
}

function piece(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(value);
}

/** A tagged template: `html\`<p>${text}</p>\`` gives markup with `text` escaped. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += piece(value) + strings[i + 1];
  });
  return new Markup(out);
}

/** An id for an anchor: letters, digits, `-` and `_` only. */
export function slug(text) {
  return String(text)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The head row of a table: one column header per entry (text or markup). */
export function tableHead(columns) {
  return html`<thead>
    <tr>
      ${columns.map((column) => html`<th scope="col">${column}</th>`)}
    </tr>
  </thead>`;
}
