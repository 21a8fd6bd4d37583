import type { Dialect } from '../db/database.js';
import { jobDefinitions, type JobContext } from './definitions.js';
import { startInProcessRunner } from './inProcessRunner.js';
import { startPgBossRunner } from './pgBossRunner.js';
import type { JobRunner } from './runner.js';

export type { JobRunner } from './runner.js';

/** Starts the background jobs for the configured database: pg-boss on PostgreSQL, the in-process loop on SQLite. */
export async function startJobs(ctx: JobContext, dialect: Dialect): Promise<JobRunner> {
  const jobs = jobDefinitions();
  if (dialect === 'postgres' && ctx.config.DATABASE_URL) {
    return startPgBossRunner({ ctx, jobs }, { connectionString: ctx.config.DATABASE_URL });
  }
  return startInProcessRunner({ ctx, jobs });
}
