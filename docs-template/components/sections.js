// The sections around the events: overview, connecting, and the error codes.
import { html, tableHead } from './html';
import { markdown, markdownInline, sentence } from './markdown';
import { codeBlock, connectSnippets, quickStart } from './code';

export function overviewSection(model) {
  const firstClient = model.clientEvents[0];
  const url = model.servers[0]?.url ?? model.channel.address;
  return html`<section class="split" id="overview" aria-labelledby="overview-title">
    <div class="split-text">
      <h2 id="overview-title">Overview</h2>
      <p class="endpoint">
        Endpoint
        <code class="address">${model.channel.address}</code
        >${model.channel.title ? html` <span class="muted">(${model.channel.title})</span>` : ''}
      </p>
      <div class="prose">${markdown(model.lead)}</div>
      ${model.overview.map(
        (s) =>
          html`<section id="${s.id}" aria-labelledby="${`${s.id}-title`}">
            <h3 id="${`${s.id}-title`}">${s.title}</h3>
            <div class="prose">${markdown(s.body, 2)}</div>
          </section>`,
      )}
    </div>
    <aside class="split-code" aria-label="Quick start">
      <h4>Quick start</h4>
      ${codeBlock({ label: 'Connect, send, listen (browser)', language: 'js', code: quickStart(url, firstClient.examples[0].payload) })}
    </aside>
  </section>`;
}

export function connectSection(model) {
  const url = model.servers[0]?.url ?? model.channel.address;
  const ways = model.authSchemes.map((scheme) => ({ scheme, ready: connectSnippets(scheme, url) }));
  return html`<section id="connect" aria-labelledby="connect-title">
    <h2 id="connect-title">Connect and authenticate</h2>
    <table class="servers">
      <caption>
        Where to connect
      </caption>
      ${tableHead(['Server', 'URL', 'What it is'])}
      <tbody>
        ${model.servers.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.id}</th>
              <td><code class="url">${s.url}</code></td>
              <td>${markdownInline(s.description.replace(/\s+/g, ' ').trim())}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${model.authentication ? html`<div class="prose">${markdown(model.authentication.body, 2)}</div>` : ''}
    <h3>${ways.length === 3 ? 'Three ways to send the token' : 'Ways to send the token'}</h3>
    <div class="ways">
      ${ways.map(
        ({ scheme, ready }, i) =>
          html`<section class="way" id="${`auth-${scheme.id}`}" aria-labelledby="${`auth-${scheme.id}-title`}">
            <div class="way-text">
              <h4 id="${`auth-${scheme.id}-title`}">
                <span class="step">${i + 1}</span> ${ready ? ready.title : scheme.id}
              </h4>
              <div class="prose">${markdown(scheme.description)}</div>
            </div>
            <div class="way-code">${ready ? ready.snippets.map((s) => codeBlock(s)) : ''}</div>
          </section>`,
      )}
    </div>
  </section>`;
}

export function errorsSection(model) {
  return html`<section id="errors" aria-labelledby="errors-title">
    <h2 id="errors-title">Error codes</h2>
    ${model.errorsIntro ? html`<div class="prose">${markdown(model.errorsIntro.body, 2)}</div>` : ''}
    <table class="errors">
      <caption>
        Every
        <code>content.code</code>
        of the
        <a href="#server-error"><code>error</code></a>
        event
      </caption>
      ${tableHead(['Code', 'Meaning', 'Refuses'])}
      <tbody>
        ${model.errorCodes.map(
          (e) =>
            html`<tr id="${`error-${e.code}`}">
              <th scope="row"><code>${e.code}</code></th>
              <td>${markdownInline(sentence(e.meaning))}</td>
              <td class="refuses">
                ${
                  e.events.length
                    ? e.events.map(
                        (ev, i) => html`${i ? ', ' : ''}<a href="${`#${ev.id}`}"><code>${ev.name}</code></a>`,
                      )
                    : html`<span class="muted">any frame</span>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
