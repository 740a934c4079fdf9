// npm run test:stress: the heavy load, fault and fuzz tests (test/stress/**/*.test.ts), one file at
// a time in one fork, with a garbage collector the tests can call to see memory return to its
// baseline. Globs are relative to `dir` (which `--dir test/stress` in the script also sets), so
// the files are found with or without that flag, and nothing outside test/stress runs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    dir: 'test/stress',
    include: ['**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    execArgv: ['--expose-gc'],
  },
});
