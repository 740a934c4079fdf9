// GET /chats/…: chat lists and history over HTTP (protocol version 2, protocols/v2/openapi.yaml).
// Authenticated with `Authorization: Bearer <token>` (the socket's tokens), read from the world the
// socket writes, and every answer checked against the OpenAPI document before it is sent, as
// every socket frame is checked against the AsyncAPI one. Not part of the control API: the guard
// grants CORS to loopback pages (a frontend dev server) and asks for no control token.
import express, { type Request, type Response, type Router } from 'express';
import type { Problem } from '../../protocol/index.js';
import { validateHttpResponse } from '../../protocol/v2/index.js';
import type { World } from '../domain/index.js';
import * as views from '../dialects/v2-history.js';
import type { HistoryAnswer, PageRequest } from '../dialects/v2-history.js';
import type { AuthResult } from '../gateway/auth.js';
import type { HistoryStats } from './history-stats.js';

export interface HistoryRouteOptions {
  world: () => World;
  /** The user a Bearer token stands for (the socket's rule). */
  authenticate: (token: string) => AuthResult;
  /** An answer that breaks the OpenAPI document: a bug of the mock (logged loudly, counted). */
  violation: (answer: HistoryAnswer, problems: readonly Problem[]) => void;
  /** Every answer, for the log: `GET /chats/directs/ as user 12 → 200`. */
  answered?: (line: string) => void;
}

export type { HistoryStats } from './history-stats.js';

const positive = (value: unknown, min: number): number | undefined => {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
};

/** limit (a positive integer, else 20) and offset (0 or more, else 0), as the backend's pagination reads them. */
function pageRequest(req: Request): PageRequest {
  const base = `http://${req.headers.host ?? 'localhost'}${req.baseUrl}${req.path}`;
  return {
    limit: positive(req.query.limit, 1) ?? views.DEFAULT_PAGE_SIZE,
    offset: positive(req.query.offset, 0) ?? 0,
    urlOf: (limit, offset) => `${base}?limit=${limit}${offset === null ? '' : `&offset=${offset}`}`,
  };
}

const bearer = (req: Request): string | null =>
  /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;

/** The router of /chats/, and its counts. */
export function historyRouter(options: HistoryRouteOptions): { router: Router; stats(): HistoryStats } {
  const counts: HistoryStats = { requests: 0, violations: 0 };
  const router = express.Router();

  const send = (req: Request, res: Response, answer: HistoryAnswer, userId: number | null): void => {
    const problems = validateHttpResponse(answer.operationId, answer.status, answer.body);
    if (problems.length > 0) {
      counts.violations++;
      options.violation(answer, problems);
    }
    res.status(answer.status).json(answer.body);
    const who = userId === null ? 'without a valid token' : `as user ${userId}`;
    options.answered?.(`${req.method} ${req.originalUrl.slice(0, 200)} ${who} → ${answer.status}`);
  };

  /** A GET route: authenticated, then the view's answer (every answer of an operation is in the document). */
  const route = (
    path: string,
    operationId: string,
    view: (world: World, userId: number, req: Request) => HistoryAnswer,
  ): void => {
    router.get(path, (req, res) => {
      counts.requests++;
      const token = bearer(req);
      if (token === null) {
        res.set('WWW-Authenticate', 'Bearer realm="api"');
        const body = { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' };
        return send(req, res, { operationId, status: 401, body }, null);
      }
      const auth = options.authenticate(token);
      if (!auth.ok) {
        res.set('WWW-Authenticate', 'Bearer realm="api"');
        const body = { detail: 'Given token not valid for any token type', code: 'token_not_valid' };
        return send(req, res, { operationId, status: 401, body }, null);
      }
      send(req, res, view(options.world(), auth.userId, req), auth.userId);
    });
  };
  const id = (req: Request): string => String(req.params.id ?? '');

  route('/directs/', 'listDirectChats', (world, user) => views.listDirectChats(world, user));
  route('/directs/:id/', 'getDirectChat', (world, user, req) => views.getDirectChat(world, user, id(req)));
  route('/directs/:id/messages/', 'listDirectChatMessages', (world, user, req) =>
    views.listDirectChatMessages(world, user, id(req), pageRequest(req)),
  );
  route('/directs/:id/files/', 'listDirectChatFiles', (world, user, req) =>
    views.listDirectChatFiles(world, user, id(req)),
  );
  route('/projects/', 'listProjectChats', (world, user) => views.listProjectChats(world, user));
  route('/projects/:id/', 'getProjectChat', (world, user, req) => views.getProjectChat(world, user, id(req)));
  route('/projects/:id/messages/', 'listProjectChatMessages', (world, user, req) =>
    views.listProjectChatMessages(world, user, id(req), pageRequest(req)),
  );
  route('/projects/:id/files/', 'listProjectChatFiles', (world, user, req) =>
    views.listProjectChatFiles(world, user, id(req)),
  );
  route('/has-unreads/', 'getUnreadState', (world, user) => views.getUnreadState(world, user));

  router.use((req, res) => {
    counts.requests++;
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (!reading) return void res.status(405).json({ detail: `Method "${req.method}" not allowed.` });
    res.status(404).json({ detail: 'Not found.' });
  });
  return { router, stats: () => ({ ...counts }) };
}

/** /chats/ under protocol version 1: the history endpoints belong to version 2. */
export function historyElsewhere(
  detail = 'Chat history over HTTP is part of protocol version 2: start the mock with --protocol 2 (protocol: 2 from code).',
): Router {
  const router = express.Router();
  router.use((_req, res) => {
    res.status(404).json({ detail });
  });
  return router;
}
