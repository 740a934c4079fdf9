// One event: what it is, who sends and who receives it, its refusals, its fields, its examples.
import { html, tableHead } from './html';
import { markdown, markdownInline, sentence } from './markdown';
import { codeBlock, highlightedJson } from './code';

const codeList = (values) =>
  values.map(
    (value, i) =>
      html`${i ? ', ' : ''}<code>${typeof value === 'string' ? JSON.stringify(value) : String(value)}</code>`,
  );

function constraint(c) {
  if (c.code !== undefined) return html`<span class="c">${c.label} <code class="pattern">${c.code}</code></span>`;
  if (c.values) return html`<span class="c">${c.label} ${codeList(c.values)}</span>`;
  return html`<span class="c">${c.text}</span>`;
}

/** A field path with a break opportunity after each dot, never inside a name. */
const fieldPath = (path) =>
  html`<code class="field">${path.split('.').map((part, i) => html`${i ? html`.<wbr />` : ''}${part}`)}</code>`;

function fieldTable(table, event) {
  const caption = table.title
    ? table.title.field
      ? html`<code>${table.title.path}</code> when <code>${table.title.path}.${table.title.field}</code> is
          <code>${JSON.stringify(table.title.value)}</code>`
      : html`<code>${table.title.path}</code>: ${table.title.value}`
    : html`Fields of <code>${event.name}</code>`;
  return html`<table class="fields">
    <caption>
      ${caption}
    </caption>
    ${tableHead(['Field', 'Type', 'Rules and meaning'])}
    <tbody>
      ${table.rows.map(
        (row) =>
          html`<tr>
            <th scope="row">
              ${fieldPath(row.path)}${row.required ? '' : html` <span class="optional">optional</span>`}
            </th>
            <td class="type">${row.types.join(' or ')}</td>
            <td>
              ${row.constraints.length ? html`<div class="constraints">${row.constraints.map(constraint)}</div>` : ''}${markdownInline(row.description)}${row.variantsBelow ? html` <span class="see">Its shapes follow.</span>` : ''}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function refusalsTable(event, anyFrameCodes) {
  return html`<h4>Refusals</h4>
    <p class="note">
      Refused frames are answered with an <a href="#server-error"><code>error</code></a> event to this connection only;
      nothing is delivered and the connection stays open.
    </p>
    <table class="refusals">
      ${tableHead([html`<code>content.code</code>`, 'When'])}
      <tbody>
        ${event.refusals.map(
          (r) =>
            html`<tr>
              <th scope="row">
                <a href="${`#error-${r.code}`}"><code>${r.code}</code></a>
              </th>
              <td>${markdownInline(sentence(r.when))}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">
      Like any frame, it can also get
      ${anyFrameCodes.map((e, i) => html`${i ? ', ' : ''}<a href="${`#error-${e.code}`}"><code>${e.code}</code></a>`)}.
    </p>`;
}

function relation(event) {
  if (event.direction.id === 'client') {
    return event.answer
      ? html`<p class="relation">
          Accepted, it is answered with
          <a href="${`#${event.answer.id}`}"><code>${event.answer.name}</code> (server → client)</a>.
        </p>`
      : '';
  }
  return event.cause
    ? html`<p class="relation">
        Also sent in answer to <a href="${`#${event.cause.id}`}"><code>${event.cause.name}</code> (client → server)</a>.
      </p>`
    : '';
}

export function eventSection(event, model) {
  return html`<section class="event" id="${event.id}" aria-labelledby="${`${event.id}-title`}">
    <div class="event-text">
      <header class="event-head">
        <h3 id="${`${event.id}-title`}"><code>${event.name}</code></h3>
        <span class="${`badge badge-${event.direction.id}`}">${event.direction.label}</span>
        <span class="you">${event.direction.you}</span>
      </header>
      <p class="summary">${markdownInline(event.summary)}</p>
      ${relation(event)}
      <div class="prose">${markdown(event.description, 3)}</div>
    </div>
    <aside class="event-examples" aria-label="${`Examples of ${event.name} (${event.direction.label})`}">
      <h4>${event.examples.length > 1 ? 'Examples' : 'Example'}</h4>
      ${event.examples.map((example) =>
        codeBlock({ label: example.title, code: highlightedJson(example.payload), language: 'json' }),
      )}
    </aside>
    <div class="event-details">
      ${event.refusals ? refusalsTable(event, model.anyFrameCodes) : ''}
      <h4>Payload</h4>
      ${event.tables.map((table) => fieldTable(table, event))}
    </div>
  </section>`;
}
