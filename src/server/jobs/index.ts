import type { Dialect } from '../db/database.js';
import { jobDefinitions, type JobContext } from './definitions.js';
import { startInProcessRunner } from './inProcessRunner.js';
import { startPgBossRunner } from './pgBossRunner.js';
import type { JobRunner } from './runner.js';

export type { JobRunner } from './runner.js';

/** Starts the background jobs for the configured database: pg-boss on PostgreSQL, the in-process loop on SQLite. */
export async function startJobs(ctx: JobContext, dialect: Dialect): Promise<JobRunner> {
  const jobs = jobDefinitions();
  const runner =
    dialect === 'postgres' && ctx.config.DATABASE_URL
      ? await startPgBossRunner({ ctx, jobs }, { connectionString: ctx.config.DATABASE_URL })
      : startInProcessRunner({ ctx, jobs });
  for (const job of jobs) {
    if (job.runAtStart)
      runner.send(job.name).catch((err: unknown) => ctx.log.error({ err, job: job.name }, 'job at start failed'));
  }
  return runner;
}
