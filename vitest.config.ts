// npm test: the fast suites. The heavy ones have suites of their own, each with its config here
// (vitest.<suite>.config.ts) and its npm script, and .ci/run runs them all:
//   npm run test:browser  test/**/*.browser.test.ts  real Chromium (Debian's /usr/bin/chromium)
//   npm run test:docs     test/docs/**               builds the docs site, checks it in Chromium
//   npm run test:bench    test/bench/**              npm run bench -- --quick, end to end
//   npm run test:stress   test/stress/**             load, faults, fuzzing, attacks at size
//   npm run test:pack     test/pack/**               npm pack for real, installed in a new project
//   npm run test:proxy    the mock's behaviour suites again, through the validating proxy (vitest.proxy.config.ts)
import { defineConfig } from 'vitest/config';

export const HEAVY = ['test/stress/**', 'test/bench/**', 'test/docs/**', 'test/pack/**', 'test/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...HEAVY, 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time, even on 2 cores (Vitest would take one): most of these tests wait on
    // sockets, child processes and timers, not on the CPU.
    maxWorkers: 2,
    // Files share their worker's modules (imported once per worker, not once per file: half of
    // the suite's CPU time). So a test file undoes what it changes: it closes its servers and
    // clients, restores spies and environment variables, and mocks no module.
    isolate: false,
  },
});
