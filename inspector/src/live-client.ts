// Follows GET /__mock/live (server-sent events): traffic records and state pings. EventSource
// reconnects by itself and resumes after the last record it saw (Last-Event-ID); when the mock
// went away for good (EventSource gives up), a new one resumes with ?since=.
import type { LiveHello, TrafficRecord } from '../../mock-server/traffic/live.js';

export type { LiveHello, TrafficRecord };
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  hello(hello: LiveHello): void;
  traffic(record: TrafficRecord): void;
  state(): void;
  status(status: LiveStatus): void;
}

const RETRY_MS = 2000;

export function connectLive(handlers: LiveHandlers, path = '/__mock/live'): () => void {
  let source: EventSource | null = null;
  /** The last traffic event's id (`<instance>-<seq>`), to resume after it. */
  let lastId: string | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const parse = (event: Event): unknown => {
    try {
      return JSON.parse((event as MessageEvent<string>).data);
    } catch {
      return undefined;
    }
  };

  const open = (): void => {
    source = new EventSource(lastId === null ? path : `${path}?since=${encodeURIComponent(lastId)}`);
    handlers.status(lastId === null ? 'connecting' : 'reconnecting');
    source.addEventListener('error', () => {
      handlers.status('reconnecting');
      if (source?.readyState === EventSource.CLOSED && !stopped) {
        source = null;
        retry = setTimeout(open, RETRY_MS);
      }
    });
    source.addEventListener('hello', (event) => {
      handlers.status('live');
      const hello = parse(event);
      if (hello) handlers.hello(hello as LiveHello);
    });
    source.addEventListener('traffic', (event) => {
      const record = parse(event) as TrafficRecord | undefined;
      if (!record) return;
      lastId = (event as MessageEvent<string>).lastEventId || lastId;
      handlers.traffic(record);
    });
    source.addEventListener('state', () => handlers.state());
  };

  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
