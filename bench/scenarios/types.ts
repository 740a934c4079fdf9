// What a scenario is, what it is given, and what it reports.
import type { ChildWorker } from '../ipc.js';
import type { ServerHandle } from '../servers.js';
import type { IdleRun, ServerKind, SocketRun, ValidationFigure } from '../types.js';
import type { BenchWorld } from '../world.js';

export interface ScenarioContext {
  quick: boolean;
  /** How many times each server runs a socket scenario; the run with the median throughput is reported. */
  rounds: number;
  world: BenchWorld;
  /** The load generator process. */
  generator: ChildWorker;
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

export interface SocketResult {
  kind: 'socket';
  /** What one operation is: "frames" or "connections". */
  unit: string;
  settings: Record<string, number>;
  /** The figures of each server's median round. */
  runs: Record<ServerKind, SocketRun>;
  /** Every round's throughput, in the order run. */
  rounds: Record<ServerKind, number[]>;
  /** mock / bare, figure by figure. */
  ratio: {
    throughput: number;
    deliveriesPerSecond: number;
    latencyP50: number;
    latencyP99: number;
    serverCpuPerOp: number;
    peakRss: number;
    peakHeap: number;
  };
  goals: Goal[];
}

export interface IdleResult {
  kind: 'idle';
  settings: Record<string, number>;
  runs: Record<ServerKind, IdleRun>;
  ratio: { retainedPerConnection: number; rssPerConnection: number };
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

export type ScenarioResult = SocketResult | IdleResult | ValidationResult;

export interface Scenario {
  name: string;
  title: string;
  /** What is measured, what each server does, and where a latency starts and ends. */
  measures: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
