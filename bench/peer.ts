// The peer: a mock a user might pick instead, Mockoon's CLI, with a WebSocket route that answers
// each message (its "conversational" mode, the message echoed through its templating), driven by
// the same load generator. Installed on demand into a cache outside the package's dependencies;
// where it cannot be installed (no registry), its rows are skipped with a note.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { type SpawnedServer, freePort } from './spawned.js';

export const MOCKOON_VERSION = '9.9.0';
const PACKAGE = `@mockoon/cli@${MOCKOON_VERSION}`;

/** Where the peer is installed: $XDG_CACHE_HOME (or ~/.cache)/chats-ws-protocol/bench/mockoon-<version>. */
export const peerDir = (): string =>
  path.join(
    process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
    'chats-ws-protocol',
    'bench',
    `mockoon-${MOCKOON_VERSION}`,
  );

const cliPath = (dir: string): string => path.join(dir, 'node_modules', '@mockoon', 'cli', 'bin', 'run.js');

/** The installed CLI, installing it first when needed; or why it cannot be had. */
export function ensureMockoon(
  progress: (message: string) => void,
): { ok: true; dir: string } | { ok: false; reason: string } {
  const dir = peerDir();
  if (existsSync(cliPath(dir))) return { ok: true, dir };
  mkdirSync(dir, { recursive: true });
  progress(`installing the peer ${PACKAGE} into ${dir} (once; about a minute)`);
  const install = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--save-exact', PACKAGE], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (install.status === 0 && existsSync(cliPath(dir))) return { ok: true, dir };
  const why = (install.stderr || install.error?.message || `exit ${install.status}`)
    .trim()
    .split('\n')
    .slice(-2)
    .join(' ');
  return { ok: false, reason: `${PACKAGE} could not be installed (${why})` };
}

interface MockoonCommons {
  BuildEnvironment(
    params: Record<string, unknown>,
  ): Record<string, unknown> & { routes: unknown[]; rootChildren: unknown[] };
  BuildWebSocketRoute(
    hasDefaultResponse: boolean,
    options: { endpoint: string },
  ): Record<string, unknown> & { uuid: string; responses: { body: string }[] };
}

/** Mockoon's CLI on a free port, one WebSocket route at /ws/chats/ echoing each message. */
export async function spawnMockoon(dir: string, scratch: string): Promise<SpawnedServer> {
  const port = await freePort();
  // The environment file, built with Mockoon's own builders so it has every field its version wants.
  const commons = createRequire(path.join(dir, 'package.json'))('@mockoon/commons') as MockoonCommons;
  const environment = commons.BuildEnvironment({
    hasDefaultRoute: false,
    hasContentTypeHeader: false,
    hasCorsHeaders: false,
    port,
  });
  const route = commons.BuildWebSocketRoute(true, { endpoint: 'ws/chats/' });
  Object.assign(route, { responseMode: null, streamingMode: null });
  const [response] = route.responses;
  if (response) response.body = '{{{body}}}';
  environment.routes.push(route);
  environment.rootChildren.push({ type: 'route', uuid: route.uuid });
  const file = path.join(scratch, `mockoon-${port}.json`);
  writeFileSync(file, JSON.stringify(environment));
  const args = [cliPath(dir), 'start', '--data', file, '--port', String(port)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return {
    command: `mockoon-cli start --data ${path.basename(file)} --port ${port}`,
    child,
    ready: /Server started on port/,
    measured: () => child.pid ?? null,
    wsUrl: `ws://127.0.0.1:${port}/ws/chats/`,
  };
}
