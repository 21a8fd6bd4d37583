import { defineConfig } from 'vitest/config';

/** Browser journeys: one file at a time against the server e2e/run.ts starts (E2E_BASE_URL). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
