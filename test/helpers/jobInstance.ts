/**
 * A job-runner instance in its own process, for test/api/jobs-instances.test.ts: starts the pg-boss
 * runner (PG_URL, SCHEMA) with one job, `hang`, asks for a run of it, and when its run starts tells
 * the parent ('started') and never finishes — the parent then kills the process with SIGKILL, as an
 * instance dies mid-job.
 */
import type { JobContext, JobDefinition } from '../../src/server/jobs/definitions.js';
import { startPgBossRunner } from '../../src/server/jobs/pgBossRunner.js';

const job: JobDefinition = {
  name: 'hang',
  cron: '0 0 1 1 *',
  everyMs: 3_600_000,
  expireInSeconds: 2,
  async run() {
    process.send?.('started');
    await new Promise(() => {});
  },
};
const ctx = { log: { error() {}, warn() {}, info() {} } } as unknown as JobContext;
const runner = await startPgBossRunner(
  { ctx, jobs: [job] },
  { connectionString: process.env.PG_URL!, schema: process.env.SCHEMA!, pollingIntervalSeconds: 0.5 },
);
await runner.send('hang');
process.send?.('ready');
