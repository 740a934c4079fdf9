// The world's side of the control API on the proxy, which has no world: the HTTP app answers
// those routes with 501 before they are reached (see http/server-mode.ts), so these only say so
// should anything else call them.
import type { HttpContext } from '../http/app.js';
import type { ServerMode } from '../http/server-mode.js';

type WorldRoutes = Pick<HttpContext, 'state' | 'users' | 'actAs' | 'emit' | 'reset'>;

export function worldlessRoutes(mode: ServerMode): WorldRoutes {
  const missing = (what: string) => (): never => {
    throw new Error(
      `${what} is not available in ${mode.name} mode: the world is the upstream server's (${mode.upstream})`,
    );
  };
  return {
    state: missing('the state'),
    users: missing('the users'),
    actAs: missing('act-as'),
    emit: missing('emit'),
    reset: missing('reset'),
  };
}
