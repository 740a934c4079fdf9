// How long /healthz takes while an attack runs: one request after another, every 20 ms, from this
// process (the attacks here only send prepared bytes, so they leave it free to measure).
import http from 'node:http';

export interface ProbeResult {
  count: number;
  maxMs: number;
  p99Ms: number;
  /** Requests that failed (refused, reset) or took over 10 s. */
  failed: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function once(url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/healthz`, { agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`${res.statusCode}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Probes until `stop()`; the result summarises every answer. */
export function probe(url: string): { stop(): Promise<ProbeResult> } {
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        times.push(await once(url));
      } catch {
        failed++;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { count: times.length, maxMs: sorted.at(-1) ?? 0, p99Ms: at(0.99), failed };
    },
  };
}
