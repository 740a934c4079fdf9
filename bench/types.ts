// What the bench's processes tell each other, and the figures a run reports.

export type ServerKind = 'bare' | 'mock';

/** A user the load generator connects as. */
export interface BenchUser {
  id: number;
  token: string;
}

/** What a server process answers once listening. */
export interface ServerStarted {
  wsUrl: string;
  pid: number;
}

/** The server process's resources since the last `mark`. */
export interface ServerStats {
  cpuUserMs: number;
  cpuSystemMs: number;
  peakRssBytes: number;
  peakHeapBytes: number;
}

export interface MemorySnapshot {
  rssBytes: number;
  heapUsedBytes: number;
  /** Memory outside the V8 heap that JS objects hold: Buffers and other ArrayBuffers. */
  externalBytes: number;
}

/** One load phase as the load generator measured it. */
export interface LoadResult {
  /** Operations completed: frames round-tripped, or connections made. */
  operations: number;
  /** Frames received by every connection of the generator during the phase. */
  deliveries: number;
  /** Deliveries the scenario expected (operations x recipients). */
  expectedDeliveries: number;
  durationMs: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  /** CPU the load generator used, as a share of one core over the phase (1 = one full core). */
  generatorCpu: number;
  /** Frames no operation accounted for (error events and the like): count and the first one. */
  unexpected: { count: number; sample: string | null };
}

/** The figures of one server under one socket scenario. */
export interface SocketRun {
  /** Operations per second: frames (each round-tripped) or connections. */
  throughput: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number };
  serverCpuMs: number;
  /** Server CPU time per operation, in microseconds. */
  serverCpuPerOpUs: number;
  /** Server CPU time as a share of one core over the phase. */
  serverCpuShare: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  operations: number;
  deliveries: number;
  durationMs: number;
  generatorCpu: number;
  unexpectedFrames: number;
}

/** The figures of one server holding idle connections (per connection: after - before, over N). */
export interface IdleRun {
  connections: number;
  /** What the server's objects hold per connection: V8 heap used + external (Buffers). */
  retainedPerConnectionBytes: number;
  heapPerConnectionBytes: number;
  externalPerConnectionBytes: number;
  /** The whole process, allocator slack and heap growth included: an upper bound, and noisier. */
  rssPerConnectionBytes: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  serverCpuMs: number;
}

/** One in-process measurement of the validation scenario. */
export interface ValidationFigure {
  eventsPerSecond: number;
  nsPerEvent: number;
}
