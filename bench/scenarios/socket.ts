// The common course of a socket scenario, once per server: start it, open the generator's
// session, warm up, mark, run the measured phase, read the server's figures, close.
import type { OpenSession } from '../load-generator.js';
import type { ServerHandle } from '../servers.js';
import type { LoadResult, ServerKind, SocketRun, ServerStats } from '../types.js';
import type { Goal, ScenarioContext, SocketResult } from './types.js';

export const SERVERS: readonly ServerKind[] = ['bare', 'mock'];

export interface SocketPlan {
  unit: string;
  warmup: number;
  count: number;
  settings: Record<string, number>;
  /** The longest one load phase may take (the generator gives up then, with its counts). */
  timeoutMs: number;
  /** The generator's session against this server. */
  session(server: ServerHandle): OpenSession;
  goals(runs: Record<ServerKind, SocketRun>, ratio: SocketResult['ratio']): Goal[];
}

export async function runSocketScenario(
  name: string,
  context: ScenarioContext,
  plan: SocketPlan,
): Promise<SocketResult> {
  const rounds: Record<ServerKind, SocketRun[]> = { bare: [], mock: [] };
  for (let round = 0; round < context.rounds; round++) {
    // Alternate who goes first, so that a machine getting busier or quieter favours neither.
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const kind of order) {
      const of = context.rounds > 1 ? ` (round ${round + 1}/${context.rounds})` : '';
      context.progress(`${name}: ${kind} server, ${plan.warmup} warm-up + ${plan.count} ${plan.unit}${of}`);
      rounds[kind].push(await runOnce(context, plan, kind));
    }
  }
  const runs = { bare: median(rounds.bare), mock: median(rounds.mock) };
  const ratio = socketRatio(runs);
  return {
    kind: 'socket',
    unit: plan.unit,
    settings: { ...plan.settings, rounds: context.rounds },
    runs,
    rounds: { bare: rounds.bare.map((r) => r.throughput), mock: rounds.mock.map((r) => r.throughput) },
    ratio,
    goals: plan.goals(runs, ratio),
  };
}

async function runOnce(context: ScenarioContext, plan: SocketPlan, kind: ServerKind): Promise<SocketRun> {
  const server = await context.startServer(kind);
  try {
    await context.generator.call('open', plan.session(server), 120_000);
    await context.generator.call('load', plan.warmup, plan.timeoutMs + 10_000);
    await server.mark();
    const load = await context.generator.call<LoadResult>('load', plan.count, plan.timeoutMs + 10_000);
    return socketRun(load, await server.stats());
  } finally {
    await context.generator.call('close', null, 30_000).catch(() => {});
    await server.close();
  }
}

/** The run with the median throughput (the lower middle one for an even count), all its figures together. */
function median(runs: SocketRun[]): SocketRun {
  const sorted = [...runs].sort((a, b) => a.throughput - b.throughput);
  const run = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!run) throw new Error('no runs');
  return run;
}

function socketRun(load: LoadResult, stats: ServerStats): SocketRun {
  const seconds = load.durationMs / 1000;
  const cpuMs = stats.cpuUserMs + stats.cpuSystemMs;
  return {
    throughput: load.operations / seconds,
    deliveriesPerSecond: load.deliveries / seconds,
    latencyMs: { p50: load.latencyMs.p50, p99: load.latencyMs.p99 },
    serverCpuMs: cpuMs,
    serverCpuPerOpUs: (cpuMs * 1000) / load.operations,
    serverCpuShare: cpuMs / load.durationMs,
    peakRssBytes: stats.peakRssBytes,
    peakHeapBytes: stats.peakHeapBytes,
    operations: load.operations,
    deliveries: load.deliveries,
    durationMs: load.durationMs,
    generatorCpu: load.generatorCpu,
    unexpectedFrames: load.unexpected.count,
  };
}

function socketRatio({ bare, mock }: Record<ServerKind, SocketRun>): SocketResult['ratio'] {
  return {
    throughput: mock.throughput / bare.throughput,
    deliveriesPerSecond: mock.deliveriesPerSecond / bare.deliveriesPerSecond,
    latencyP50: mock.latencyMs.p50 / bare.latencyMs.p50,
    latencyP99: mock.latencyMs.p99 / bare.latencyMs.p99,
    serverCpuPerOp: mock.serverCpuPerOpUs / bare.serverCpuPerOpUs,
    peakRss: mock.peakRssBytes / bare.peakRssBytes,
    peakHeap: mock.peakHeapBytes / bare.peakHeapBytes,
  };
}

/** The goals for the direct scenarios: 80 % of the bare throughput, p99 within 2x. */
export function directGoals(_runs: Record<ServerKind, SocketRun>, ratio: SocketResult['ratio']): Goal[] {
  return [
    { name: 'throughput mock/bare', target: '>= 0.80', value: ratio.throughput, met: ratio.throughput >= 0.8 },
    { name: 'p99 latency mock/bare', target: '<= 2.0', value: ratio.latencyP99, met: ratio.latencyP99 <= 2 },
  ];
}
