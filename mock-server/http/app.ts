// The HTTP side, on the same port as the WebSocket endpoint: health, the spec, the docs, the
// control API under /__mock/ for tests and people, and the index page.
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { errorEvent, summarizeProblems } from '../../protocol/index.js';
import { parseEmitTarget } from './control.js';
import { type DocsRouteOptions, docsRouter } from './docs-route.js';
import { type InspectorContext, type InspectorRouteOptions, inspectorRouter } from './inspector-route.js';
import { sendJsonWithArray } from './stream-json.js';
import type { Faults } from '../faults/index.js';
import { faultsRouter } from './faults-route.js';
import { type ServerMode, notInThisMode } from './server-mode.js';

export interface HttpContext extends InspectorContext {
  /** Rebuilds the world (from the fixtures file again, or with the seed given). */
  reset(seed?: number): Promise<{ ok: true; seed: number | null } | { ok: false; errors: string[] }>;
  startedAt: number;
  docs: DocsRouteOptions;
  /** The largest frame (--max-payload): a control API body may hold one frame. */
  maxPayload: number;
  /** The inspector's files and its live stream's limits. */
  inspector?: InspectorRouteOptions;
  /** CORS, Host, content type and control token, in front of every route (see guard.ts). */
  guard: RequestHandler;
  /** What GET /healthz adds to its answer (cheap to build): connections, and what the limits refused, dropped or evicted. */
  health(): Record<string, unknown>;
  /** Faults on demand (issue 16): GET/POST/DELETE /__mock/faults, POST /__mock/disconnect, /outage, /stall. */
  faults?: Faults;
  /** Set on the proxy (issue 16): the routes that need a world of their own answer 501, naming the mode. */
  mode?: ServerMode;
  /** GET /__mock/connections, where given (the proxy's relays, with who broke the contract on each). */
  connections?: () => unknown;
  /** The spec of the protocol version spoken, as written and bundled (/asyncapi.yaml, /asyncapi.json). */
  spec: { yaml: string; json: string };
  /** The OpenAPI document of the HTTP endpoints, when the version has some (/openapi.yaml, /openapi.json). */
  openapi?: { yaml: string; json: string } | undefined;
  /** GET /chats/…: the chat history endpoints (or what says where they are). */
  history: Router;
}

/**
 * The largest control API body: a frame's limit (--max-payload, as on a socket: act-as carries a
 * client frame, emit a server frame) and a little room for emit's `to`.
 */
export const bodyLimitOf = (maxPayload: number): number => maxPayload + 1024;
/** GET /__mock/traffic answers at most this many records (the newest; page back with `since`). */
export const MAX_TRAFFIC_PAGE = 1000;

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
};

export function createHttpApp(ctx: HttpContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(ctx.guard);

  // Browsers ask for it on every page of the mock; without this, each logs a 404 console error.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, uptime_s: Math.round((Date.now() - ctx.startedAt) / 1000), ...ctx.health() });
  });
  app.get('/asyncapi.yaml', (_req, res) => res.type('text/yaml; charset=utf-8').sendFile(ctx.spec.yaml));
  app.get('/asyncapi.json', (_req, res) => res.type('application/json').sendFile(ctx.spec.json));
  const { openapi } = ctx;
  if (openapi) {
    app.get('/openapi.yaml', (_req, res) => res.type('text/yaml; charset=utf-8').sendFile(openapi.yaml));
    app.get('/openapi.json', (_req, res) => res.type('application/json').sendFile(openapi.json));
  }
  // The product's own GET routes (protocol version 2): not the control API.
  app.use('/chats', ctx.history);

  // The inspector first: its router may add endpoints of its own (under /__mock/ too).
  app.use(inspectorRouter(ctx, ctx.inspector));

  const api = express.Router();
  const bodyLimit = bodyLimitOf(ctx.maxPayload);
  api.use(express.json({ limit: bodyLimit, strict: false, type: () => true }));
  if (ctx.mode) api.use(notInThisMode(ctx.mode));
  if (ctx.faults) api.use(faultsRouter(ctx.faults));
  const { connections } = ctx;
  if (connections) api.get('/connections', (_req, res) => void res.json(connections()));
  api.get('/users', (_req, res) => res.json(ctx.users()));
  api.get('/state', async (req, res) => {
    const limit = positiveInt(req.query.limit);
    const before = positiveInt(req.query.before);
    const state = limit === undefined && before === undefined ? ctx.state() : ctx.state({ limit, before });
    const { users, projects, messages, ...rest } = state;
    await sendJsonWithArray(res, { users, projects }, 'messages', messages, rest);
  });
  api.get('/traffic', async (req, res) => {
    const limit = Math.min(positiveInt(req.query.limit) ?? MAX_TRAFFIC_PAGE, MAX_TRAFFIC_PAGE);
    const since = positiveInt(req.query.since) ?? 0;
    const { traffic } = ctx;
    const head = { total: traffic.total, kept: traffic.size, dropped: traffic.dropped, order: 'oldest first' };
    await sendJsonWithArray(res, head, 'records', traffic.recent(limit, since), {});
  });
  api.post('/act-as/:userId', (req, res) => {
    const userId = positiveInt(req.params.userId);
    if (userId === undefined || !ctx.users().some((u) => u.id === userId)) {
      const error = errorEvent('user_not_found', `User ${req.params.userId} does not exist`);
      return void res.status(404).json({ ok: false, error });
    }
    const result = ctx.actAs(userId, req.body);
    if (result.ok) return void res.json(result);
    // The error event the socket would get, and its problems at the top too (as /emit answers).
    res.status(400).json({ ...result, problems: result.error.content.problems });
  });
  api.post('/emit', (req, res) => {
    const body: unknown = req.body;
    const fields =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const to = parseEmitTarget(fields.to);
    if (to === null) {
      return void res
        .status(400)
        .json({ ok: false, error: '`to` must be a user id, an array of user ids, or "all"', problems: [] });
    }
    if (!('event' in fields)) {
      return void res
        .status(400)
        .json({ ok: false, error: 'Send {"to": <user id | [ids] | "all">, "event": <a server event>}', problems: [] });
    }
    const result = ctx.emit(to, fields.event);
    if (!result.ok)
      return void res
        .status(400)
        .json({ ok: false, error: summarizeProblems(result.problems), problems: result.problems });
    res.json(result);
  });
  api.post('/reset', async (req, res) => {
    const body: unknown = req.body;
    const seed =
      typeof body === 'object' && body !== null && 'seed' in body ? (body as { seed: unknown }).seed : undefined;
    if (seed !== undefined && !Number.isSafeInteger(seed)) {
      return void res.status(400).json({ ok: false, errors: ['`seed` must be an integer'] });
    }
    const result = await ctx.reset(seed as number | undefined);
    res.status(result.ok ? 200 : 400).json(result);
  });
  api.use((req, res) => {
    res.status(404).json({ ok: false, error: `No control endpoint ${req.method} ${req.baseUrl}${req.path}` });
  });
  app.use('/__mock', api);

  app.use(docsRouter(ctx.docs));

  const onError: ErrorRequestHandler = (err: { type?: string; message?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.parse.failed') {
      return void res
        .status(400)
        .json({ ok: false, error: errorEvent('invalid_json', `The body is not valid JSON: ${err.message ?? ''}`) });
    }
    if (err.type === 'entity.too.large') {
      return void res.status(413).json({
        ok: false,
        error: `The body is larger than ${bodyLimit} bytes (a frame's limit, --max-payload, and 1 KiB)`,
      });
    }
    res.status(err.status ?? 500).json({ ok: false, error: err.message ?? 'Internal error' });
  };
  app.use(onError);
  return app;
}
