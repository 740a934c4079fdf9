// The inspector: GET / serves the page (inspector/dist, see inspector-assets.ts), its files under
// /__inspector/, and its live channel GET /__mock/live (server-sent events, see traffic/live.ts). The page
// reads the rest from the control API (/__mock/state, /__mock/act-as/:userId) and /asyncapi.json.
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { EmitResult, EmitTarget, MessagesPageQuery, MockState, MockUserInfo } from './control.js';
import type { ActResult } from '../hub/hub.js';
import { InspectorAssets, type InspectorAssetsOptions } from './inspector-assets.js';
import { LIVE_PATH, LiveChannel, type LiveOptions, type LiveStats } from '../traffic/live.js';
import type { TrafficLog } from '../traffic/traffic.js';

export interface InspectorContext {
  /** Recent frames, and `subscribe(listener)` to follow them live. */
  traffic: TrafficLog;
  state(page?: MessagesPageQuery): MockState;
  /** Changes whenever the state may have (see Hub.stateVersion): the live stream's cue to ping. */
  stateVersion(): number;
  /** The live stream's refusals and drops, for the log. */
  warn(message: string): void;
  users(): MockUserInfo[];
  /** Processes a client event exactly as if that user had sent it on a socket. */
  actAs(userId: number, event: unknown): ActResult;
  emit(to: EmitTarget, event: unknown): EmitResult;
  /** ws://host:port/ws/chats/ */
  wsUrl(): string;
  /** Registers cleanup to run when the server closes (end live streams, clear timers). */
  onClose(hook: () => void): void;
  /** Given how to read the live stream's counts, for /healthz. */
  liveStats?(read: () => LiveStats): void;
}

/** For tests: where the page's files are and how often the live channel looks at the state. */
export interface InspectorRouteOptions {
  assets?: InspectorAssetsOptions;
  live?: LiveOptions;
}

export const ASSETS_PATH = '/__inspector';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Shown instead of the page when it cannot be built: what is wrong, and the mock's other addresses. */
function unavailablePage(ctx: InspectorContext, message: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>chats-ws mock</title><link rel="icon" href="data:,">` +
    `<style>body{font:16px system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em}.problem{background:#ffebe9;color:#cf222e;padding:.6rem .8rem;border-radius:6px}</style></head><body>` +
    `<h1>chats-ws mock server</h1><p class="problem">${escapeHtml(message)}</p>` +
    `<p>The mock itself works: WebSocket endpoint <code>${escapeHtml(ctx.wsUrl())}</code>.</p><ul>` +
    `<li><a href="/docs/">/docs</a>: the protocol's HTML documentation</li>` +
    `<li><a href="/asyncapi.yaml">/asyncapi.yaml</a> and <a href="/asyncapi.json">/asyncapi.json</a>: the spec</li>` +
    `<li><a href="/__mock/users">/__mock/users</a>: users and their tokens</li>` +
    `<li><a href="/__mock/state">/__mock/state</a> and <a href="/__mock/traffic">/__mock/traffic</a>: state and recent frames</li>` +
    `</ul></body></html>`
  );
}

export function inspectorRouter(ctx: InspectorContext, options: InspectorRouteOptions = {}): Router {
  const router = express.Router();
  const assets = new InspectorAssets({ warn: (message) => console.warn(`[inspector] ${message}`), ...options.assets });
  const live = new LiveChannel(
    { traffic: ctx.traffic, stateFingerprint: () => String(ctx.stateVersion()) },
    { warn: (message) => ctx.warn(message), ...options.live },
  );
  ctx.liveStats?.(() => live.stats());
  ctx.onClose(() => live.close());
  const files = express.static(assets.dir, { index: false, fallthrough: false, maxAge: 0 });

  router.get(LIVE_PATH, live.handle);

  router.get(['/', '/index.html'], async (_req: Request, res: Response) => {
    const status = await assets.ready();
    res.set('Cache-Control', 'no-cache');
    if (!status.ok) return void res.status(503).type('html').send(unavailablePage(ctx, status.message));
    res.sendFile(path.join(status.dir, 'index.html'));
  });

  router.use(ASSETS_PATH, async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const status = await assets.ready();
    if (!status.ok) return void res.status(503).type('text').send(status.message);
    res.set('Cache-Control', 'no-cache');
    files(req, res, next);
  });
  return router;
}
