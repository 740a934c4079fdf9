// Shared by the mock and the proxy: listening on host:port (a clear error when the port is
// taken), the addresses to print, and the control token a server beyond loopback wants.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use: choose another with --port (or port: 0)`)
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** http://host:port for an address listened on (a wildcard address shown as loopback, which one can connect to). */
export function httpUrlOf(address: AddressInfo): string {
  const shown = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const urlHost = address.family === 'IPv6' ? `[${shown}]` : shown;
  return `http://${urlHost}:${address.port}`;
}

/** The control token: the one given (checked), or one generated when the server is exposed, or none. */
export function resolveControlToken(given: string | undefined, exposed: boolean): string | null {
  if (given !== undefined && !/^[\x21-\x7e]{8,200}$/.test(given))
    throw new RangeError('controlToken must be 8 to 200 printable ASCII characters without spaces');
  return given ?? (exposed ? randomBytes(18).toString('base64url') : null);
}

/** Runs the close hooks, closes the WebSockets (`closeSockets`), then every HTTP connection and the server. */
export async function closeServer(
  server: Server,
  hooks: readonly (() => void)[],
  closeSockets: () => Promise<void>,
): Promise<void> {
  for (const hook of hooks) hook();
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSockets();
  server.closeAllConnections();
  await httpClosed;
}
