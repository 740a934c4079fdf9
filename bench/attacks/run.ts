// npm run attacks: the hostile-input attacks at full size against the mock as `npm run mock`
// starts it, one fresh mock per attack, and the figures each produced. Nothing is asserted here:
// the regression tests (test/hardening, test/stress/attacks.test.ts) check the behaviour.
//
//   npm run attacks                      every attack, full size (a few minutes)
//   npm run attacks -- --quick           smaller counts
//   npm run attacks -- --only memory     the attacks whose name contains "memory"
//   npm run attacks -- --dir ../other    the mock of another checkout (figures before a change)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ATTACKS } from './attacks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const program = new Command()
  .name('npm run attacks --')
  .description('Runs the hostile-input attacks against fresh mocks and prints what each did.')
  .option('--quick', 'smaller counts (not the figures of the issue)')
  .option(
    '--only <text>',
    'only the attacks whose name contains this text (repeatable)',
    (v, p: string[]) => [...p, v],
    [],
  )
  .option('--dir <checkout>', 'attack the mock of this checkout', ROOT)
  .showHelpAfterError();
program.parse();
const opts = program.opts<{ quick?: boolean; only: string[]; dir: string }>();

const chosen = ATTACKS.filter((a) => opts.only.length === 0 || opts.only.some((t) => a.name.includes(t)));
console.log(
  `Attacking the mock of ${path.resolve(opts.dir)}${opts.quick ? ' (quick)' : ''}, ${chosen.length} attacks\n`,
);
for (const attack of chosen) {
  const start = performance.now();
  console.log(`== ${attack.name}`);
  const figures = await attack.run({ dir: path.resolve(opts.dir), quick: Boolean(opts.quick) });
  const width = Math.max(...figures.map((f) => f.what.length));
  for (const f of figures) console.log(`   ${f.what.padEnd(width)}  ${f.value}`);
  console.log(`   (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
}
