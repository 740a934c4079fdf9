// The common course of a socket scenario, once per server of the lineup and round: start it, open
// the generator's session, warm up, mark, run the measured phase, read the server's figures, close.
import type { OpenSession } from '../load-generator.js';
import type { ServerHandle } from '../servers.js';
import { BASELINES, type LoadResult, type ServerKind, type SocketRun, type ServerStats } from '../types.js';
import type { Goal, ScenarioContext, SocketRatio, SocketResult } from './types.js';

export interface SocketPlan {
  unit: string;
  warmup: number;
  count: number;
  settings: Record<string, number>;
  /** The longest one load phase may take (the generator gives up then, with its counts). */
  timeoutMs: number;
  /** Rounds per server (default: the context's). */
  rounds?: number;
  /** Whether the peer (a mock of another kind) can serve this scenario: only plain answers to each frame. */
  peer?: boolean;
  /** The generator's session against this server. */
  session(server: ServerHandle): OpenSession;
  goals(result: Pick<SocketResult, 'runs' | 'ratios'>): Goal[];
}

export async function runSocketScenario(
  name: string,
  context: ScenarioContext,
  plan: SocketPlan,
): Promise<SocketResult> {
  const lineup = context.lineup.filter((kind) => kind !== 'mockoon' || plan.peer);
  const roundCount = plan.rounds ?? context.rounds;
  const rounds: Partial<Record<ServerKind, SocketRun[]>> = {};
  for (let round = 0; round < roundCount; round++) {
    // Rotate who goes first, so that a machine getting busier or quieter favours nobody.
    const order = lineup.map((_, i) => lineup[(i + round) % lineup.length] as ServerKind);
    for (const kind of order) {
      const of = roundCount > 1 ? ` (round ${round + 1}/${roundCount})` : '';
      context.progress(`${name}: ${kind}, ${plan.warmup} warm-up + ${plan.count} ${plan.unit}${of}`);
      (rounds[kind] ??= []).push(await runOnce(context, plan, kind));
    }
  }
  const runs: Partial<Record<ServerKind, SocketRun>> = {};
  for (const kind of lineup) {
    const list = rounds[kind];
    if (list?.length) runs[kind] = median(list);
  }
  const ratios: Partial<Record<ServerKind, SocketRatio>> = {};
  for (const kind of lineup) {
    const base = BASELINES[kind];
    const run = runs[kind];
    const of = base && runs[base.of];
    if (run && of) ratios[kind] = socketRatio(run, of);
  }
  const skipped = Object.fromEntries(
    Object.entries(context.skipped).filter(([kind]) => kind !== 'mockoon' || plan.peer),
  ) as SocketResult['skipped'];
  return {
    kind: 'socket',
    unit: plan.unit,
    settings: { ...plan.settings, rounds: roundCount },
    runs,
    rounds: Object.fromEntries(lineup.map((kind) => [kind, (rounds[kind] ?? []).map((r) => r.throughput)])),
    ratios,
    skipped,
    goals: plan.goals({ runs, ratios }),
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

function socketRatio(run: SocketRun, base: SocketRun): SocketRatio {
  return {
    throughput: run.throughput / base.throughput,
    deliveriesPerSecond: run.deliveriesPerSecond / base.deliveriesPerSecond,
    latencyP50: run.latencyMs.p50 / base.latencyMs.p50,
    latencyP99: run.latencyMs.p99 / base.latencyMs.p99,
    serverCpuPerOp: run.serverCpuPerOpUs / base.serverCpuPerOpUs,
    peakRss: run.peakRssBytes / base.peakRssBytes,
  };
}

/**
 * The goals for the direct scenarios, for the mock as users run it, with its log on and
 * silent: 80 % of the bare throughput, p99 within 2x.
 */
export function directGoals(result: Pick<SocketResult, 'ratios'>): Goal[] {
  const goals: Goal[] = [];
  for (const kind of ['mock', 'mock-silent'] as const) {
    const ratio = result.ratios[kind];
    if (!ratio) continue;
    const label = BASELINES[kind]?.label ?? kind;
    goals.push(
      { name: `throughput ${label}`, target: '>= 0.80', value: ratio.throughput, met: ratio.throughput >= 0.8 },
      { name: `p99 latency ${label}`, target: '<= 2.0', value: ratio.latencyP99, met: ratio.latencyP99 <= 2 },
    );
  }
  return goals;
}
