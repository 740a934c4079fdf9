// What a scenario is, what it is given, and what it reports.
import type { ChildWorker } from '../ipc.js';
import type { ServerHandle } from '../servers.js';
import type { IdleRun, ServerKind, SocketRun, StartupRun, ValidationFigure } from '../types.js';
import type { BenchWorld } from '../world.js';

export interface ScenarioContext {
  quick: boolean;
  /** How many times each server runs a socket scenario; the run with the median throughput is reported. */
  rounds: number;
  world: BenchWorld;
  /** The load generator process. */
  generator: ChildWorker;
  /** The servers a socket scenario measures, in order (the peer only where a scenario asks for it). */
  lineup: readonly ServerKind[];
  /** Why a server of the usual lineup is left out of this run (no taskset, the peer not installed). */
  skipped: Partial<Record<ServerKind, string>>;
  /** Starts a server, with the load generator pinned to the other CPU for a pinned one (and unpinned otherwise). */
  startServer(kind: ServerKind): Promise<ServerHandle>;
  progress(message: string): void;
}

/** A target from the issue, and whether this run met it. */
export interface Goal {
  name: string;
  target: string;
  value: number;
  met: boolean;
}

/** One server's figures over its baseline's (mock / bare), figure by figure. */
export interface SocketRatio {
  throughput: number;
  deliveriesPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  serverCpuPerOp: number;
  peakRss: number;
}

export interface SocketResult {
  kind: 'socket';
  /** What one operation is: "frames" or "connections". */
  unit: string;
  settings: Record<string, number>;
  /** The figures of each server's median round (the servers of the lineup that ran). */
  runs: Partial<Record<ServerKind, SocketRun>>;
  /** Every round's throughput, in the order run. */
  rounds: Partial<Record<ServerKind, number[]>>;
  /** Each compared server over its baseline (see BASELINES): mock/bare, mock silent/bare, … */
  ratios: Partial<Record<ServerKind, SocketRatio>>;
  /** Servers left out, and why. */
  skipped: Partial<Record<ServerKind, string>>;
  goals: Goal[];
}

export interface IdleResult {
  kind: 'idle';
  settings: Record<string, number>;
  runs: Partial<Record<ServerKind, IdleRun>>;
  ratio: { rssPerConnection: number };
  goals: Goal[];
}

export interface StartupResult {
  kind: 'startup';
  settings: Record<string, number>;
  runs: StartupRun[];
  goals: Goal[];
}

export interface ValidationResult {
  kind: 'validation';
  settings: Record<string, number>;
  /** Events per second in process, by what was timed. */
  figures: Record<'JSON.parse' | 'parseClientFrame' | 'validateClientEvent' | 'validateServerEvent', ValidationFigure>;
  /** parseClientFrame / JSON.parse: the share of bare parsing speed left once validation is added. */
  ratio: { parseClientFrameVsJsonParse: number };
  goals: Goal[];
}

export type ScenarioResult = SocketResult | IdleResult | ValidationResult | StartupResult;

export interface Scenario {
  name: string;
  title: string;
  /** What is measured, what each server does, and where a latency starts and ends. */
  measures: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
