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
    // A failed step runs once more (E2E_RETRY=0 turns this off): on a loaded 2-core machine headless
    // Chromium has, rarely, stopped producing frames for a page after a viewport change, so a click
    // waited for a stable element until it timed out. A broken feature fails both tries; a step that
    // passes only on its retry is listed at the end of the run and in e2e/artifacts/flaky.json.
    retry: Number(process.env.E2E_RETRY ?? 1),
    reporters: ['default', './e2e/flakyReporter.ts'],
  },
});
