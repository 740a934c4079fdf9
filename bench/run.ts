// npm run bench: the mock against a bare ws server, scenario by scenario (see "Benchmark" in README.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { ChildWorker, canPin } from './ipc.js';
import { formatReport, machine, writeReport, type BenchReport } from './report.js';
import { SCENARIOS } from './scenarios/index.js';
import { startServer } from './servers.js';
import { benchWorld } from './world.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAMES = SCENARIOS.map((s) => s.name);
/** Users in the bench world: enough for 1000 idle connections, each its own user. */
const WORLD_USERS = 1000;

interface Options {
  quick: boolean;
  pin: boolean;
  rounds?: number;
  out: string;
  scenario: string[];
  profile?: string | true;
}

const program = new Command()
  .name('npm run bench --')
  .description('Measures the mock server against a bare ws server and the validators in process.')
  .option('--quick', 'small counts, for a check that everything works (under 30 s)', false)
  .option(
    '--rounds <n>',
    'runs per server of each socket scenario, the median reported (default 3, 1 with --quick)',
    (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 9) throw new InvalidArgumentError('expected a whole number from 1 to 9');
      return n;
    },
  )
  .option('--out <file>', 'where to write the JSON results', join(ROOT, 'bench', 'results.json'))
  .option('--no-pin', 'let the system place the processes (default: the server on CPU 1, the load generator on CPU 0)')
  .option(
    '--scenario <name>',
    `run only this scenario (repeatable): ${NAMES.join(', ')}`,
    (name: string, list: string[]) => {
      if (!NAMES.includes(name)) throw new InvalidArgumentError(`expected one of ${NAMES.join(', ')}`);
      return [...list, name];
    },
    [] as string[],
  )
  .option(
    '--profile [dir]',
    "write a V8 CPU profile of each server's measured phase to <dir>/<scenario>-<server>.cpuprofile (default .cpu-prof/)",
  )
  .showHelpAfterError();

async function main(): Promise<number> {
  const options = program.parse().opts<Options>();
  const quick = options.quick;
  const rounds = options.rounds ?? (quick ? 1 : 3);
  const selected = options.scenario.length ? SCENARIOS.filter((s) => options.scenario.includes(s.name)) : SCENARIOS;
  const profileDir =
    options.profile === undefined
      ? undefined
      : resolve(options.profile === true ? join(ROOT, '.cpu-prof') : options.profile);
  const out = resolve(options.out);

  const started = performance.now();
  const world = benchWorld(WORLD_USERS);
  const scratch = await mkdtemp(join(tmpdir(), 'chats-ws-bench-'));
  const fixtures = join(scratch, 'world.json');
  await writeFile(fixtures, JSON.stringify(world));
  // Pinned apart, the server and the load generator cannot end up sharing one CPU, taking turns.
  const pinned = options.pin && canPin(1);
  const generator = ChildWorker.start(
    'load generator',
    new URL('./load-generator.ts', import.meta.url),
    [],
    pinned ? 0 : undefined,
  );
  const progress = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

  const report: BenchReport = {
    mode: quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    machine: machine(),
    pinned: false,
    scenarios: {},
  };
  report.pinned = pinned;
  let failed = 0;
  try {
    for (const scenario of selected) {
      const startScenarioServer = (kind: 'bare' | 'mock') =>
        startServer(kind, {
          fixtures,
          cpu: pinned ? 1 : undefined,
          profileFile: profileDir && join(profileDir, `${scenario.name}-${kind}.cpuprofile`),
        });
      const context = { quick, rounds, world, generator, progress, startServer: startScenarioServer };
      try {
        report.scenarios[scenario.name] = {
          title: scenario.title,
          measures: scenario.measures,
          result: await scenario.run(context),
        };
      } catch (err) {
        failed++;
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        progress(`${scenario.name} failed: ${error}`);
        report.scenarios[scenario.name] = { title: scenario.title, measures: scenario.measures, error };
      }
    }
  } finally {
    await generator.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  report.durationSeconds = (performance.now() - started) / 1000;
  report.machine.loadAverageAfter = loadavg()[0] ?? 0;
  await writeReport(out, report);
  process.stdout.write(`\n${formatReport(report)}\nResults: ${out} (${report.durationSeconds.toFixed(1)} s)\n`);
  if (profileDir) process.stdout.write(`CPU profiles of the servers: ${profileDir}\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
