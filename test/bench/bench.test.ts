// npm run bench -- --quick, end to end: it runs, and its JSON has every scenario with every figure
// of every server of the lineup (the mock as `npm run mock` starts it, with its log on and silent,
// the pinned pair where taskset works, the peer or the reason it was skipped). No figure is
// compared with a threshold here: speed is the bench's report, not a test's verdict.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/report.js';
import type { ScenarioResult } from '../../bench/scenarios/index.js';
import type { ServerKind } from '../../bench/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET_SCENARIOS = ['echo', 'direct-message', 'typing', 'fan-out', 'connect'] as const;
/** Always in the lineup; the pinned pair and the peer run where they can, else say why not. */
const ALWAYS: readonly ServerKind[] = ['bare', 'mock', 'mock-silent'];
const OPTIONAL: readonly ServerKind[] = ['bare-pinned', 'mock-pinned'];

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-test-'));
const out = path.join(scratch, 'results.json');
let stdout = '';
let report: BenchReport;

beforeAll(async () => {
  const run = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
    { cwd: ROOT, timeout: 600_000, maxBuffer: 16 * 2 ** 20 },
  );
  stdout = run.stdout;
  report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
}, 610_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The scenario's result, failing with the scenario's own error when it has none. */
function resultOf(name: string): ScenarioResult {
  const scenario = report.scenarios[name];
  expect(scenario, `scenario ${name} in the JSON`).toBeDefined();
  if (scenario && 'error' in scenario) expect.fail(`scenario ${name} failed: ${scenario.error}`);
  return (scenario as { result: ScenarioResult }).result;
}

const expectFinite = (value: unknown, what: string): void => {
  expect(typeof value, what).toBe('number');
  expect(Number.isFinite(value), `${what} = ${String(value)}`).toBe(true);
};

describe('npm run bench -- --quick', () => {
  it('describes the machine', () => {
    expect(report.mode).toBe('quick');
    expect(report.machine.cpu).toMatch(/\S/);
    expectFinite(report.machine.cores, 'cores');
    expectFinite(report.machine.totalMemoryBytes, 'total memory');
    expect(report.machine.node).toBe(process.version);
  });

  it('runs every scenario', () => {
    expect(Object.keys(report.scenarios).sort()).toEqual([...SOCKET_SCENARIOS, 'idle', 'startup', 'validation'].sort());
  });

  describe.each(SOCKET_SCENARIOS)('%s', (name) => {
    it('reports every figure of every server that ran, and why any other was left out', () => {
      const result = resultOf(name);
      if (result.kind !== 'socket') return expect.fail(`${name} is a ${result.kind} scenario`);
      const kinds = [...ALWAYS, ...OPTIONAL, ...(name === 'echo' ? (['mockoon'] as const) : [])];
      for (const kind of kinds) {
        const run = result.runs[kind];
        if (!ALWAYS.includes(kind) && !run) {
          expect(result.skipped[kind], `${kind}: ran, or a reason it did not`).toMatch(/\S/);
          continue;
        }
        expect(run, kind).toBeDefined();
        if (!run) continue;
        for (const key of [
          'throughput',
          'deliveriesPerSecond',
          'serverCpuMs',
          'serverCpuPerOpUs',
          'peakRssBytes',
        ] as const) {
          expectFinite(run[key], `${kind}.${key}`);
          expect(run[key], `${kind}.${key}`).toBeGreaterThan(0);
        }
        expectFinite(run.latencyMs.p50, `${kind}.latencyMs.p50`);
        expect(run.latencyMs.p99).toBeGreaterThanOrEqual(run.latencyMs.p50);
        expect(run.operations).toBe(result.settings[name === 'connect' ? 'connections' : 'frames']);
        expect(run.unexpectedFrames, kind).toBe(0);
      }
      // The peer answers each frame and nothing more: it serves only the echo scenario.
      if (name !== 'echo') expect(result.runs.mockoon).toBeUndefined();
    });

    it('reports each server over its baseline, figure by figure', () => {
      const result = resultOf(name);
      if (result.kind !== 'socket') return expect.fail(`${name} is a ${result.kind} scenario`);
      for (const kind of ['mock', 'mock-silent', 'mock-pinned', 'mockoon'] as const) {
        if (!result.runs[kind]) continue;
        const ratio = result.ratios[kind];
        expect(ratio, kind).toBeDefined();
        for (const [key, value] of Object.entries(ratio ?? {})) expectFinite(value, `${kind} ratio.${key}`);
      }
    });
  });

  it('runs the headline scenario five times per server in a full run, and says so in its settings', () => {
    const result = resultOf('echo');
    if (result.kind !== 'socket') return expect.fail('echo is not a socket scenario');
    expect(result.settings).toMatchObject({ senders: 4, window: 10, rounds: 1 });
  });

  it('reports the RSS per idle connection of the bare server and the mock as run', () => {
    const result = resultOf('idle');
    if (result.kind !== 'idle') return expect.fail(`idle is a ${result.kind} scenario`);
    for (const kind of ['bare', 'mock'] as const) {
      const run = result.runs[kind];
      expect(run, kind).toBeDefined();
      expect(run?.connections).toBe(result.settings.connections);
      expectFinite(run?.rssPerConnectionBytes, `${kind}.rssPerConnectionBytes`);
      expectFinite(run?.peakRssBytes, `${kind}.peakRssBytes`);
    }
    expectFinite(result.ratio.rssPerConnection, 'ratio.rssPerConnection');
  });

  it('reports the time from npm run mock to the first accepted connection', () => {
    const result = resultOf('startup');
    if (result.kind !== 'startup') return expect.fail(`startup is a ${result.kind} scenario`);
    expect(result.runs.map((r) => r.command)).toEqual(['npm run mock', 'node dist/mock-server/cli.js']);
    for (const run of result.runs) {
      expectFinite(run.medianMs, run.command);
      expect(run.runsMs).toHaveLength(result.settings.attempts ?? 0);
    }
  });

  it('reports the validators in events per second', () => {
    const result = resultOf('validation');
    if (result.kind !== 'validation') return expect.fail(`validation is a ${result.kind} scenario`);
    expect(Object.keys(result.figures).sort()).toEqual([
      'JSON.parse',
      'parseClientFrame',
      'validateClientEvent',
      'validateServerEvent',
    ]);
    for (const [name, figure] of Object.entries(result.figures)) {
      expectFinite(figure.eventsPerSecond, `${name}.eventsPerSecond`);
      expect(figure.eventsPerSecond).toBeGreaterThan(0);
    }
  });

  it('prints the table and where the JSON went', () => {
    for (const name of SOCKET_SCENARIOS) expect(stdout).toContain(name);
    expect(stdout).toContain('mock/bare');
    expect(stdout).toContain('mock silent/bare');
    expect(stdout).toContain('Idle connections');
    expect(stdout).toContain('Start-up: from the command to the first accepted connection');
    expect(stdout).toContain('Validation, in process');
    expect(stdout).toContain(`Results: ${out}`);
  });
});
