import type { JobContext, JobDefinition } from './definitions.js';

/**
 * Runs the background jobs: in this process on SQLite (one instance), through pg-boss on PostgreSQL
 * (any number of instances; each scheduled run happens once across them). The pg-boss version is
 * local to pgBossRunner.ts.
 */
export interface JobRunner {
  readonly kind: 'in-process' | 'pg-boss';
  /** Asks for a run of a job now (e.g. the outbox right after an e-mail was queued). */
  send(name: string): Promise<void>;
  /** Stops taking new runs and waits for those in progress (graceful shutdown). */
  stop(): Promise<void>;
}

export interface RunnerOptions {
  ctx: JobContext;
  jobs: JobDefinition[];
}

/** Runs one job, logging instead of throwing: the next run tries again. */
export async function runLogged(job: JobDefinition, ctx: JobContext): Promise<void> {
  try {
    await job.run(ctx);
  } catch (err) {
    ctx.log.error({ err, job: job.name }, 'background job failed');
    throw err;
  }
}
