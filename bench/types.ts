// What the bench's processes tell each other, and the figures a run reports.

/**
 * Who serves a run: the bare `ws` baseline and the mock as users run it (`npm run mock`: logs on
 * and piped, or `--log silent`; nothing pinned), the bare server and the mock (log silent) pinned
 * to a CPU of their own with the load generator on the other (the configuration the bench
 * measured before), and a peer (Mockoon's CLI).
 */
export type ServerKind = 'bare' | 'mock' | 'mock-silent' | 'bare-pinned' | 'mock-pinned' | 'mockoon';

/** How each server appears in the report. */
export const SERVER_LABELS: Readonly<Record<ServerKind, string>> = {
  bare: 'bare',
  mock: 'mock',
  'mock-silent': 'mock, --log silent',
  'bare-pinned': 'bare, pinned',
  'mock-pinned': 'mock, silent, pinned',
  mockoon: 'Mockoon CLI',
};

/** The server each one is compared with (the ratio rows), and the ratio's label. */
export const BASELINES: Readonly<Partial<Record<ServerKind, { of: ServerKind; label: string }>>> = {
  mock: { of: 'bare', label: 'mock/bare' },
  'mock-silent': { of: 'bare', label: 'mock silent/bare' },
  'mock-pinned': { of: 'bare-pinned', label: 'mock/bare, pinned' },
  mockoon: { of: 'bare', label: 'Mockoon/bare' },
};

/** Whether a server runs pinned to a CPU of its own (and the load generator to the other). */
export const isPinned = (kind: ServerKind): boolean => kind === 'bare-pinned' || kind === 'mock-pinned';

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
  /** Null for a server spawned as users start it (only the process's RSS and CPU are read). */
  peakHeapBytes: number | null;
}

export interface MemorySnapshot {
  rssBytes: number;
  /** After a full GC, for a server the bench runs itself; null for one spawned as users start it. */
  heapUsedBytes: number | null;
  /** Memory outside the V8 heap that JS objects hold: Buffers and other ArrayBuffers (null as heapUsedBytes). */
  externalBytes: number | null;
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
  peakHeapBytes: number | null;
  operations: number;
  deliveries: number;
  durationMs: number;
  generatorCpu: number;
  unexpectedFrames: number;
}

/** The figures of one server holding idle connections (per connection: after - before, over N). */
export interface IdleRun {
  connections: number;
  /** The process's RSS after - before, over N (the measure: allocator slack included). */
  rssPerConnectionBytes: number;
  peakRssBytes: number;
  serverCpuMs: number;
}

/** How long a command takes from its start to the first accepted WebSocket connection. */
export interface StartupRun {
  command: string;
  /** Every attempt, in ms. */
  runsMs: number[];
  medianMs: number;
}

/** One in-process measurement of the validation scenario. */
export interface ValidationFigure {
  eventsPerSecond: number;
  nsPerEvent: number;
}
