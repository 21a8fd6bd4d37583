import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: the three-instance deployment behind HAProxy (test/cluster), a few minutes. */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    testTimeout: 200_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
