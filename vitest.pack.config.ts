// npm run test:pack: `npm pack` for real (it builds, and builds the docs site when it is not up
// to date), then the tarball installed in a new project and used there (see vitest.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/pack/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
