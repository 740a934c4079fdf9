// A server-sent events reader for tests: connects with node:http, parses the stream into events,
// and waits (bounded) for the ones a test expects.
import http from 'node:http';

export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  /** Comment lines (keepalives), without the colon. */
  readonly comments: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  readonly ended: Promise<void>;
  private buffer = '';
  private request: http.ClientRequest | null = null;
  private waiters: (() => void)[] = [];
  private endedResolve!: () => void;

  constructor() {
    this.ended = new Promise((resolve) => (this.endedResolve = resolve));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.feed(chunk));
        res.on('end', () => client.finish());
        res.on('close', () => client.finish());
        resolve(client);
      });
      client.request.on('error', (err) => {
        client.finish();
        reject(err);
      });
    });
  }

  /** Every event named `name` so far, its data parsed. */
  data<T = unknown>(name: string): T[] {
    return this.events.filter((e) => e.event === name).map((e) => JSON.parse(e.data) as T);
  }

  /** Waits until `condition` holds on what arrived, or fails after `timeoutMs` saying what did arrive. */
  async until(condition: () => boolean, timeoutMs = 3000, what = 'the expected events'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no ${what} within ${timeoutMs} ms; got: ${this.events.map((e) => `${e.event}${e.id ? `#${e.id}` : ''}`).join(', ')}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        fields++;
        if (name === 'event') event = value;
        else if (name === 'id') id = value;
        else if (name === 'data') data.push(value);
      }
      if (fields && data.length) this.events.push({ event, id, data: data.join('\n') });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private finish(): void {
    this.endedResolve();
    for (const wake of this.waiters.splice(0)) wake();
  }
}
