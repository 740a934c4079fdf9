// npm run test:bench: the benchmark, run end to end in its quick form (see vitest.config.ts).
// No figure is asserted; the test checks that every figure is reported.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bench/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
