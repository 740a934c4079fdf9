// npm run bench: the mock against a bare ws server, scenario by scenario (see "Benchmark" in README.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { ChildWorker, canPin } from './ipc.js';
import { MOCKOON_VERSION, ensureMockoon, peerDir } from './peer.js';
import { formatReport, machine, writeReport, type BenchReport } from './report.js';
import { SCENARIOS } from './scenarios/index.js';
import { startServer } from './servers.js';
import { isPinned, type ServerKind } from './types.js';
import { benchWorld } from './world.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAMES = SCENARIOS.map((s) => s.name);
/** Users in the bench world: enough for 1000 idle connections, each its own user. */
const WORLD_USERS = 1000;

interface Options {
  quick: boolean;
  pinned: boolean;
  peer: boolean;
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
  .option(
    '--no-pinned',
    'leave out the pinned rows (the bare server and the silent mock on CPU 1, the generator on CPU 0)',
  )
  .option('--no-peer', `leave out the peer (Mockoon's CLI ${MOCKOON_VERSION}, installed on demand into ${peerDir()})`)
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
    "write a V8 CPU profile of the bench's own servers' measured phase to <dir>/<scenario>-<server>.cpuprofile (default .cpu-prof/; for the mock as run: npm run mock -- … with node --cpu-prof)",
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
  const progress = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
  // The lineup: the bare server and the mock as users run it (log on, and silent), the pinned pair
  // (the server on CPU 1, the generator on CPU 0) where taskset can place them, and the peer where it can be had.
  const skipped: Partial<Record<ServerKind, string>> = {};
  const pinnable = canPin(1);
  if (!options.pinned) skipped['bare-pinned'] = skipped['mock-pinned'] = 'left out (--no-pinned)';
  else if (!pinnable) skipped['bare-pinned'] = skipped['mock-pinned'] = 'no taskset or fewer than two CPUs';
  let peer: string | undefined;
  const wantsPeer = selected.some((s) => s.name === 'echo');
  if (!options.peer) skipped.mockoon = 'left out (--no-peer)';
  else if (wantsPeer) {
    const installed = ensureMockoon(progress);
    if (installed.ok) peer = installed.dir;
    else skipped.mockoon = installed.reason;
  }
  const lineup = (['bare', 'mock', 'mock-silent', 'bare-pinned', 'mock-pinned', 'mockoon'] as const).filter(
    (kind) => !(kind in skipped),
  );
  const generator = ChildWorker.start('load generator', new URL('./load-generator.ts', import.meta.url), []);
  // A pinned server runs on CPU 1 with the generator moved to CPU 0; every other run, the generator anywhere.
  const placeGenerator = (kind: ServerKind): void => {
    if (!pinnable || generator.pid === undefined) return;
    spawnSync(
      'taskset',
      ['-a', '-p', '-c', isPinned(kind) ? '0' : `0-${availableParallelism() - 1}`, String(generator.pid)],
      {
        stdio: 'ignore',
      },
    );
  };

  const report: BenchReport = {
    mode: quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    machine: machine(),
    pinned: false,
    scenarios: {},
  };
  report.pinned = lineup.includes('mock-pinned');
  let failed = 0;
  try {
    for (const scenario of selected) {
      const startScenarioServer = (kind: ServerKind) => {
        placeGenerator(kind);
        return startServer(kind, {
          fixtures,
          scratch,
          peerDir: peer,
          cpu: 1,
          profileFile: profileDir && join(profileDir, `${scenario.name}-${kind}.cpuprofile`),
        });
      };
      const context = { quick, rounds, world, generator, progress, lineup, skipped, startServer: startScenarioServer };
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
