import { defineConfig } from 'vitest/config';

/** Browser journeys: one file at a time against the server e2e/run.ts starts (E2E_BASE_URL). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A journey waits as long for a polled value as for an element (15 s): the default of 1 s failed
    // on a loaded machine (the account search box took longer than 1 s to follow the menu's URL).
    expect: { poll: { timeout: 15_000 } },
  },
});
