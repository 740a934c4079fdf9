// Latency samples and the percentiles the report shows.

/** A fixed-capacity list of latencies in milliseconds. */
export class Latencies {
  readonly #values: Float64Array;
  #count = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  get count(): number {
    return this.#count;
  }

  add(ms: number): void {
    if (this.#count < this.#values.length) this.#values[this.#count++] = ms;
  }

  summary(): { p50: number; p99: number; max: number; mean: number } {
    const sorted = this.#values.slice(0, this.#count).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? (sorted[sorted.length - 1] ?? NaN) : NaN,
      mean: sorted.length ? sum / sorted.length : NaN,
    };
  }
}

/** The nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

/** Measures the CPU this process uses from now on, as a share of one core. */
export function cpuMeter(): () => number {
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const wallUs = (performance.now() - start) * 1000;
    return wallUs > 0 ? (used.user + used.system) / wallUs : 0;
  };
}
