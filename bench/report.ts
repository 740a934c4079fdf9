// The run's results: the machine, every scenario's figures, as JSON and as a console table.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { IdleResult, ScenarioResult, SocketResult, StartupResult, ValidationResult } from './scenarios/index.js';
import { BASELINES, SERVER_LABELS, type ServerKind } from './types.js';

export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  arch: string;
  osRelease: string;
  /** The 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverageBefore: number;
  loadAverageAfter: number;
}

export type ScenarioReport = { title: string; measures: string } & ({ result: ScenarioResult } | { error: string });

export interface BenchReport {
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  /** Whether the pinned rows could run (taskset, two CPUs). */
  pinned: boolean;
  scenarios: Record<string, ScenarioReport>;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    loadAverageBefore: loadavg()[0] ?? 0,
    loadAverageAfter: loadavg()[0] ?? 0,
  };
}

export async function writeReport(file: string, report: BenchReport): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fixed = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '-');
const mib = (bytes: number): string => `${fixed(bytes / 2 ** 20, 1)} MiB`;
const kib = (bytes: number): string => `${fixed(bytes / 1024, 1)} KiB`;
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Rows of cells as left-aligned first column(s) and right-aligned figures. */
function table(head: string[], rows: string[][], leftColumns = 2): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function socketRows(name: string, r: SocketResult): string[][] {
  const unit = r.unit === 'connections' ? 'conn/s' : 'frames/s';
  const rows: string[][] = [];
  const label = (): string => (rows.length === 0 ? name : '');
  for (const kind of Object.keys(r.runs) as ServerKind[]) {
    const run = r.runs[kind];
    if (!run) continue;
    rows.push([
      label(),
      SERVER_LABELS[kind],
      `${int(run.throughput)} ${unit}`,
      int(run.deliveriesPerSecond),
      fixed(run.latencyMs.p50, 3),
      fixed(run.latencyMs.p99, 3),
      fixed(run.serverCpuPerOpUs, 1),
      pct(run.serverCpuShare),
      pct(run.generatorCpu),
      mib(run.peakRssBytes),
    ]);
    const q = r.ratios[kind];
    const base = BASELINES[kind];
    if (q && base)
      rows.push([
        '',
        base.label,
        times(q.throughput),
        times(q.deliveriesPerSecond),
        times(q.latencyP50),
        times(q.latencyP99),
        times(q.serverCpuPerOp),
        '',
        '',
        times(q.peakRss),
      ]);
  }
  for (const [kind, why] of Object.entries(r.skipped))
    rows.push([label(), SERVER_LABELS[kind as ServerKind], `skipped: ${why}`]);
  return rows;
}

function idleRows(r: IdleResult): string[][] {
  const rows: string[][] = [];
  for (const kind of Object.keys(r.runs) as ServerKind[]) {
    const run = r.runs[kind];
    if (run)
      rows.push([SERVER_LABELS[kind], int(run.connections), kib(run.rssPerConnectionBytes), mib(run.peakRssBytes)]);
  }
  rows.push(['mock/bare', '', times(r.ratio.rssPerConnection), '']);
  return rows;
}

function startupRows(r: StartupResult): string[][] {
  return r.runs.map((run) => [run.command, `${int(run.medianMs)} ms`, run.runsMs.map((ms) => int(ms)).join(', ')]);
}

function validationRows(r: ValidationResult): string[][] {
  return Object.entries(r.figures).map(([name, f]) => [name, int(f.eventsPerSecond), fixed(f.nsPerEvent, 0)]);
}

export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const out: string[] = [
    `chats-ws-protocol bench (${report.mode}): ${m.cpu}, ${m.cores} cores, ${fixed(m.totalMemoryBytes / 2 ** 30, 1)} GiB, Node ${m.node} (${m.platform} ${m.arch})`,
    `Load average before / after: ${fixed(m.loadAverageBefore)} / ${fixed(m.loadAverageAfter)} (above ${m.cores} means other work competed for the CPUs)`,
    'Nothing pinned, except the pinned rows: the server on CPU 1, the load generator on CPU 0 (taskset)',
    '',
  ];
  const socket: string[][] = [];
  const goals: string[] = [];
  const errors: string[] = [];
  let idleResult: IdleResult | undefined;
  let startupResult: StartupResult | undefined;
  let validationResult: ValidationResult | undefined;
  for (const [name, scenario] of Object.entries(report.scenarios)) {
    if ('error' in scenario) {
      errors.push(`  ${name}: ${scenario.error.split('\n')[0]}`);
      continue;
    }
    const result = scenario.result;
    if (result.kind === 'socket') socket.push(...socketRows(name, result));
    else if (result.kind === 'idle') idleResult = result;
    else if (result.kind === 'startup') startupResult = result;
    else validationResult = result;
    for (const g of result.goals)
      goals.push(`  ${g.met ? 'met ' : 'MISS'}  ${name}: ${g.name} ${g.target} (got ${fixed(g.value)})`);
  }
  if (socket.length) {
    out.push(
      table(
        [
          'Scenario',
          'Server',
          'Rate',
          'Deliveries/s',
          'p50 ms',
          'p99 ms',
          'CPU us/op',
          'Srv CPU',
          'Gen CPU',
          'Peak RSS',
        ],
        socket,
      ),
      '',
    );
  }
  if (idleResult) {
    out.push('Idle connections', table(['Server', 'Connections', 'RSS/conn', 'Peak RSS'], idleRows(idleResult), 1), '');
  }
  if (startupResult) {
    out.push(
      'Start-up: from the command to the first accepted connection',
      table(['Command', 'Median', 'Each attempt (ms)'], startupRows(startupResult), 1),
      '',
    );
  }
  if (validationResult) {
    out.push(
      'Validation, in process',
      table(['Function', 'Events/s', 'ns/event'], validationRows(validationResult), 1),
      `parseClientFrame / JSON.parse: ${times(validationResult.ratio.parseClientFrameVsJsonParse)}`,
      '',
    );
  }
  if (goals.length) out.push('Goals', ...goals, '');
  if (errors.length) out.push('Failed scenarios', ...errors, '');
  return out.join('\n');
}
