// Which server answers the control API: the mock (a world of its own) or the proxy (issue 16),
// whose world is the upstream server's. In proxy mode the routes that need a world — users,
// state, act-as, emit, reset — answer 501 with a sentence naming the mode; traffic, the live
// stream, health, connections and the faults work as on the mock.
import type { RequestHandler } from 'express';

export interface ServerMode {
  name: 'proxy';
  /** The upstream server's WebSocket URL. */
  upstream: string;
}

/** The control routes (under /__mock) that read or change a world. */
export const WORLD_ROUTES: readonly string[] = ['/users', '/state', '/act-as', '/emit', '/reset'];

const needsWorld = (path: string): boolean =>
  WORLD_ROUTES.some((route) => path === route || path.startsWith(`${route}/`));

/** Answers the world's routes with 501 in this mode; passes everything else on. */
export function notInThisMode(mode: ServerMode): RequestHandler {
  return (req, res, next) => {
    if (!needsWorld(req.path)) return next();
    res.status(501).json({
      ok: false,
      mode: mode.name,
      error:
        `${req.method} /__mock${req.path.slice(0, 100)} is not available in ${mode.name} mode: the users, chats and ` +
        `messages are the upstream server's (${mode.upstream}), and the ${mode.name} keeps no world of its own. ` +
        'Available: GET /__mock/traffic, /__mock/live, /__mock/connections, /healthz, and the faults ' +
        '(/__mock/faults, /__mock/disconnect, /__mock/outage, /__mock/stall).',
    });
  };
}
