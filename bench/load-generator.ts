// Child process: the load generator. The parent opens a session (connections, then warm-up and
// measured phases through `load`), and closes it; one session at a time.
import { serve } from './ipc.js';
import { openChurn, type ChurnParams } from './load/churn.js';
import { openIdle, type IdleParams } from './load/idle.js';
import { openWindowed, type Session, type WindowedParams } from './load/windowed.js';
import type { LoadResult } from './types.js';

export type OpenSession =
  | { driver: 'windowed'; params: WindowedParams }
  | { driver: 'churn'; params: ChurnParams }
  | { driver: 'idle'; params: IdleParams };

let session: Session | null = null;

function open(request: OpenSession): Promise<Session> {
  switch (request.driver) {
    case 'windowed':
      return openWindowed(request.params);
    case 'churn':
      return openChurn(request.params);
    case 'idle':
      return openIdle(request.params);
  }
}

serve({
  async open(request: OpenSession): Promise<void> {
    await session?.close();
    session = await open(request);
  },
  load(count: number): Promise<LoadResult> {
    if (!session) throw new Error('no session: call open first');
    return session.load(count);
  },
  async close(): Promise<void> {
    await session?.close();
    session = null;
  },
});
