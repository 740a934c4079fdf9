// npm run bench -- --quick, end to end: it runs, and its JSON has every scenario with every figure.
// No figure is compared with a threshold here: speed is the bench's report, not a test's verdict.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET_SCENARIOS = ['direct-message', 'typing', 'fan-out', 'connect'] as const;
const SERVERS = ['bare', 'mock'] as const;

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-test-'));
const out = path.join(scratch, 'results.json');
let stdout = '';
let report: BenchReport;

beforeAll(async () => {
  const run = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
    { cwd: ROOT, timeout: 120_000, maxBuffer: 16 * 2 ** 20 },
  );
  stdout = run.stdout;
  report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
}, 130_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The scenario's result, failing with the scenario's own error when it has none. */
function resultOf(name: string) {
  const scenario = report.scenarios[name];
  expect(scenario, `scenario ${name} in the JSON`).toBeDefined();
  if (scenario && 'error' in scenario) expect.fail(`scenario ${name} failed: ${scenario.error}`);
  return (scenario as { result: import('../../bench/scenarios/index.js').ScenarioResult }).result;
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
    expect(Object.keys(report.scenarios).sort()).toEqual([...SOCKET_SCENARIOS, 'idle', 'validation'].sort());
  });

  describe.each(SOCKET_SCENARIOS)('%s', (name) => {
    it.each(SERVERS)('reports every figure of the %s server', (server) => {
      const result = resultOf(name);
      if (result.kind !== 'socket') return expect.fail(`${name} is a ${result.kind} scenario`);
      const run = result.runs[server];
      for (const key of [
        'throughput',
        'deliveriesPerSecond',
        'serverCpuMs',
        'serverCpuPerOpUs',
        'peakRssBytes',
        'peakHeapBytes',
      ] as const) {
        expectFinite(run[key], `${server}.${key}`);
        expect(run[key], `${server}.${key}`).toBeGreaterThan(0);
      }
      expectFinite(run.latencyMs.p50, `${server}.latencyMs.p50`);
      expectFinite(run.latencyMs.p99, `${server}.latencyMs.p99`);
      expect(run.latencyMs.p99).toBeGreaterThanOrEqual(run.latencyMs.p50);
      expect(run.operations).toBe(result.settings[name === 'connect' ? 'connections' : 'frames']);
      expect(run.unexpectedFrames).toBe(0);
    });

    it('reports the mock / bare ratio of every figure', () => {
      const result = resultOf(name);
      if (result.kind !== 'socket') return expect.fail(`${name} is a ${result.kind} scenario`);
      for (const [key, value] of Object.entries(result.ratio)) expectFinite(value, `ratio.${key}`);
    });
  });

  it.each(SERVERS)('reports the memory per idle connection of the %s server', (server) => {
    const result = resultOf('idle');
    if (result.kind !== 'idle') return expect.fail(`idle is a ${result.kind} scenario`);
    const run = result.runs[server];
    const keys = [
      'connections',
      'retainedPerConnectionBytes',
      'heapPerConnectionBytes',
      'externalPerConnectionBytes',
      'rssPerConnectionBytes',
      'peakRssBytes',
      'peakHeapBytes',
      'serverCpuMs',
    ] as const;
    for (const key of keys) expectFinite(run[key], `${server}.${key}`);
    expect(run.connections).toBe(result.settings.connections);
    expectFinite(result.ratio.retainedPerConnection, 'ratio.retainedPerConnection');
    expectFinite(result.ratio.rssPerConnection, 'ratio.rssPerConnection');
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
    expectFinite(result.ratio.parseClientFrameVsJsonParse, 'ratio');
  });

  it('prints the table and where the JSON went', () => {
    for (const name of [...SOCKET_SCENARIOS]) expect(stdout).toContain(name);
    expect(stdout).toContain('mock/bare');
    expect(stdout).toContain('Idle connections');
    expect(stdout).toContain('Validation, in process');
    expect(stdout).toContain(`Results: ${out}`);
  });
});
