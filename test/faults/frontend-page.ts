// A frontend of the tests' own, served from a loopback origin (as a dev server would serve one):
// a page whose WebSocket client reconnects on every close, with a back-off, and logs what happens
// (`window.events`: "open", "close <code>", "message <type> <id>"), sending a first frame on each open.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = (wsUrl: string, token: string, hello: string): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>reconnecting client</title><link rel="icon" href="data:,"></head>
<body><script>
  window.events = [];
  let attempt = 0;
  function connect() {
    const socket = new WebSocket(${JSON.stringify(wsUrl)}, ['Bearer', ${JSON.stringify(token)}]);
    socket.onopen = () => {
      attempt = 0;
      window.events.push('open');
      ${hello ? `socket.send(${JSON.stringify(hello)});` : ''}
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      const id = frame.content && frame.content.message ? frame.content.message.id : '';
      window.events.push(('message ' + frame.type + ' ' + id).trim());
    };
    socket.onclose = (event) => {
      window.events.push('close ' + event.code);
      // Back off a little, then try again: the reconnect logic a chat frontend needs.
      setTimeout(connect, Math.min(1000, 100 * 2 ** attempt++));
    };
  }
  connect();
</script></body></html>`;

/** Serves the page on 127.0.0.1 (any free port); `url` to open, `close()` in the teardown. */
export async function servePage(
  wsUrl: string,
  token: string,
  hello = '',
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE(wsUrl, token, hello));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
