import pg from 'pg';
import PgBoss from 'pg-boss';
import { runLogged, type JobRunner, type RunnerOptions } from './runner.js';

export interface PgBossOptions {
  connectionString: string;
  /** pg-boss's own schema (default pgboss). */
  schema?: string;
  /** Connections pg-boss keeps (its own pool, beside the application's). */
  poolMax?: number;
  /** How often an idle worker looks for work (seconds, default 2). */
  pollingIntervalSeconds?: number;
}

/**
 * The deployment's runner on PostgreSQL (pg-boss 10): every instance schedules the same crons and
 * works the same queues; pg-boss fires each schedule once across instances and hands each job to one
 * worker (FOR UPDATE SKIP LOCKED). A queue's policy 'stately' keeps at most one run queued and one
 * active, so passes never overlap across instances. A run whose instance dies stays active until
 * expireInSeconds, then is retried (retryLimit). This file is the only one that knows pg-boss.
 */
export async function startPgBossRunner({ ctx, jobs }: RunnerOptions, o: PgBossOptions): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: o.connectionString,
    schema: o.schema ?? 'pgboss',
    max: o.poolMax ?? 2,
    application_name: 'makerspace-filing jobs',
  });
  boss.on('error', (err) => ctx.log.error({ err }, 'pg-boss error'));
  // Instances starting together deadlocked in pg-boss's schema and queue setup (seen in the cluster
  // test): one instance at a time sets up, under an advisory lock; the others find it done.
  const lock = new pg.Client({ connectionString: o.connectionString });
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('makerspace-filing:pg-boss-setup'))`);
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name, {
        name: job.name,
        policy: 'stately',
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: job.expireInSeconds,
      });
      await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' });
    }
  } finally {
    await lock.end();
  }
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2 }, async () => {
      await runLogged(job, ctx);
    });
  }
  return {
    kind: 'pg-boss',
    async send(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
