// One middleware in front of every HTTP route: the Host must name the mock; CORS is granted to the
// mock's own and loopback origins and to --allowed-origin entries only; the control API (/__mock/,
// the inspector) refuses pages of other origins, takes JSON bodies only as application/json, and,
// when the mock listens beyond loopback, wants the control token (a header, or a cookie that the
// printed inspector URL sets).
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { type OriginPolicy, checkHost, checkOrigin } from '../gateway/origin-policy.js';
import type { GuardStats } from './guard-stats.js';

export const CONTROL_TOKEN_HEADER = 'x-control-token';
export const CONTROL_TOKEN_COOKIE = 'chats_ws_control';
export const CONTROL_TOKEN_QUERY = 'control_token';

export interface GuardOptions {
  policy: OriginPolicy;
  /** Wanted on the control API when set (the mock listens beyond loopback). */
  controlToken: string | null;
  /** A refusal, for the log: status, why, and the request. */
  refused: (status: number, reason: string, req: Request) => void;
}

export type { GuardStats } from './guard-stats.js';

/** The routes that read or change the mock's state, or serve the page that does. */
export const isControlPath = (path: string): boolean =>
  path === '/' || path === '/index.html' || path.startsWith('/__mock/') || path.startsWith('/__inspector/');

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const isJson = (req: Request): boolean => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
};

function sameToken(given: string | undefined, wanted: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function createGuard(options: GuardOptions): { middleware: RequestHandler; stats(): GuardStats } {
  const counts: GuardStats['refused'] = { 401: 0, 403: 0, 415: 0 };
  const refuse = (req: Request, res: Response, status: 401 | 403 | 415, reason: string): void => {
    counts[status]++;
    options.refused(status, reason, req);
    res.status(status).json({ ok: false, error: reason });
  };

  const middleware: RequestHandler = (req, res, next) => {
    const { policy, controlToken } = options;
    const host = checkHost(req.headers.host, policy);
    if (!host.ok) return refuse(req, res, 403, `Forbidden: ${host.reason}`);

    const origin = req.headers.origin;
    const page = checkOrigin(origin, req.headers.host, req.get('sec-fetch-site'), policy);
    if (page.ok && origin !== undefined) {
      res.vary('Origin');
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Headers', `Content-Type, Authorization, ${CONTROL_TOKEN_HEADER}`);
      res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    } else if (origin !== undefined) res.vary('Origin');
    if (req.method === 'OPTIONS') {
      if (!page.ok) return refuse(req, res, 403, `Forbidden: ${page.reason}`);
      res.sendStatus(204);
      return;
    }

    const control = isControlPath(req.path);
    if (!control) {
      // The docs, the spec and health are public; a foreign page only gets no CORS grant.
      if (!page.ok && STATE_CHANGING.has(req.method)) return refuse(req, res, 403, `Forbidden: ${page.reason}`);
      return next();
    }
    if (!page.ok) return refuse(req, res, 403, `Forbidden: ${page.reason}`);

    if (controlToken !== null) {
      const query = typeof req.query[CONTROL_TOKEN_QUERY] === 'string' ? req.query[CONTROL_TOKEN_QUERY] : undefined;
      if (query !== undefined && sameToken(query, controlToken) && req.method === 'GET') {
        // The printed inspector URL: keep the token in a cookie the page's requests and EventSource send.
        res.cookie(CONTROL_TOKEN_COOKIE, controlToken, { httpOnly: true, sameSite: 'strict', path: '/' });
        return void res.redirect(303, req.path);
      }
      const given = req.get(CONTROL_TOKEN_HEADER) ?? cookie(req, CONTROL_TOKEN_COOKIE);
      if (!sameToken(given, controlToken))
        return refuse(
          req,
          res,
          401,
          `Unauthorized: the mock listens beyond loopback, so its control API wants the control token ` +
            `(header ${CONTROL_TOKEN_HEADER}, or open the inspector URL the mock printed)`,
        );
    }

    if (STATE_CHANGING.has(req.method) && hasBody(req) && !isJson(req))
      return refuse(
        req,
        res,
        415,
        `Unsupported Media Type: send the body as JSON with Content-Type: application/json ` +
          `(got ${JSON.stringify((req.headers['content-type'] ?? 'none').slice(0, 100))})`,
      );
    next();
  };
  return { middleware, stats: () => ({ refused: { ...counts } }) };
}
