// The page: header with the version switcher, the navigation, the sections. CSS and the small
// script (copy buttons, the current section in the navigation) are inlined: one request per page.
import fs from 'fs';
import path from 'path';
import { html, raw } from './html';
import { eventSection } from './event';
import { connectSection, errorsSection, overviewSection } from './sections';

// The transpiled template runs from <template>/__transpiled/; the assets sit beside it.
const ASSETS = path.resolve(__dirname, '..', 'assets');
const asset = (name) => fs.readFileSync(path.join(ASSETS, name), 'utf8');

function navigation(model) {
  const group = (title, who, events) =>
    html`<li class="nav-group">
      <span class="nav-heading">${title} <span class="nav-who">${who}</span></span>
      <ul>
        ${events.map(
          (e) =>
            html`<li>
              <a href="${`#${e.id}`}"><code>${e.name}</code></a>
            </li>`,
        )}
      </ul>
    </li>`;
  return html`<nav class="sidebar" aria-label="Contents">
    <ul>
      <li class="nav-group">
        <a class="nav-top" href="#overview">Overview</a>
        <ul>
          ${model.overview.map((s) => html`<li><a href="${`#${s.id}`}">${s.title}</a></li>`)}
        </ul>
      </li>
      <li class="nav-group"><a class="nav-top" href="#connect">Connect and authenticate</a></li>
      ${group('Client → server', 'you send', model.clientEvents)}
      ${group('Server → client', 'you receive', model.serverEvents)}
      <li class="nav-group"><a class="nav-top" href="#errors">Error codes</a></li>
    </ul>
  </nav>`;
}

function versionSwitcher(versions, currentId) {
  return html`<nav class="versions" aria-label="Protocol versions">
    <ul>
      ${versions.map(
        (v) =>
          html`<li>
            <a href="${`../${v.id}/`}" ${v.id === currentId ? raw(' aria-current="page"') : ''}>${v.label}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * @param {{ model: object, versionId: string, versions: {id: string, label: string}[], builtFrom?: string }} options
 */
export function renderPage({ model, versionId, versions, builtFrom }) {
  const current = versions.find((v) => v.id === versionId);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${model.title} ${model.version}: ${current ? current.label : versionId}</title>
        <meta
          name="description"
          content="${`The ${model.channel.address} WebSocket protocol: every event, its fields, refusals and examples.`}"
        />
        <link rel="icon" href="data:," />
        <style>
          ${raw(asset('docs.css'))}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="topbar">
          <a class="brand" href="#overview">${model.title}</a>
          <span class="spec-version">spec ${model.version}</span>
          ${versionSwitcher(versions, versionId)}
        </header>
        <div class="layout">
          ${navigation(model)}
          <main id="main">
            <h1>${model.title} <span class="muted">${current ? current.label : versionId}</span></h1>
            ${overviewSection(model)} ${connectSection(model)}
            <section id="client-events" class="events" aria-labelledby="client-events-title">
              <h2 id="client-events-title">Client → server: what your app sends</h2>
              <p class="lead">
                Each frame is one JSON text frame <code>{"type": …, "content": {…}}</code> on
                <code>${model.channel.address}</code>. The server checks it, applies it and tells the people concerned,
                or refuses it with an <a href="#server-error"><code>error</code></a
                >.
              </p>
              ${model.clientEvents.map((e) => eventSection(e, model))}
            </section>
            <section id="server-events" class="events" aria-labelledby="server-events-title">
              <h2 id="server-events-title">Server → client: what your app receives</h2>
              <p class="lead">
                Frames the server pushes on the same socket: the results of your own frames and of everyone else's,
                presence, and refusals.
              </p>
              ${model.serverEvents.map((e) => eventSection(e, model))}
            </section>
            ${errorsSection(model)}
            <footer class="footer">
              Generated from ${builtFrom ?? 'the AsyncAPI document'} (AsyncAPI ${model.asyncapiVersion}) by
              @asyncapi/generator with this package's own template.
            </footer>
          </main>
        </div>
        <script>
          ${raw(asset('docs.js'))};
        </script>
      </body>
    </html> `;
}
