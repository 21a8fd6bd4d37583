import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { runLogged, type JobRunner, type RunnerOptions } from './runner.js';

export interface PgBossOptions {
  connectionString: string;
  /** pg-boss's own schema (default pgboss_v12, see LEGACY_SCHEMA). */
  schema?: string;
  /** Connections pg-boss keeps (its own pool, beside the application's). */
  poolMax?: number;
  /** How often an idle worker looks for work (seconds, default 2). */
  pollingIntervalSeconds?: number;
}

/**
 * pg-boss 10's schema. pg-boss 12 migrates only schemas from version 25 (pg-boss 11) on, so it works in
 * a schema of its own: the queues hold no state that matters (the schedules are created again at every
 * start, every handler is idempotent and its state lives in the application's tables), and instances
 * of an older version may keep working the old schema during a rolling deploy. Once none runs, the old
 * schema can be dropped (`DROP SCHEMA pgboss CASCADE`); until then each start says so in the log.
 */
const LEGACY_SCHEMA = 'pgboss';
export const DEFAULT_PGBOSS_SCHEMA = 'pgboss_v12';

/**
 * The deployment's runner on PostgreSQL (pg-boss 12): every instance schedules the same crons and
 * works the same queues; pg-boss fires each schedule once across instances and hands each job to one
 * worker (FOR UPDATE SKIP LOCKED). A queue's policy 'stately' keeps at most one run queued and one
 * active, so passes never overlap across instances. A run whose instance dies stays active until
 * expireInSeconds, then is retried (retryLimit). A schedule whose occurrences came due while no
 * instance ran is not caught up (`missed: 'skip'`, stated here rather than left to the default): the
 * next pass does the work of the ones missed. `start()` migrates pg-boss's own schema (a schema left
 * by pg-boss 10 included). This file is the only one that knows pg-boss.
 */
export async function startPgBossRunner({ ctx, jobs }: RunnerOptions, o: PgBossOptions): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: o.connectionString,
    schema: o.schema ?? DEFAULT_PGBOSS_SCHEMA,
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
    const legacy = await lock.query<{ found: boolean }>(
      `select exists (select 1 from information_schema.tables where table_schema = $1 and table_name = 'version') as found`,
      [LEGACY_SCHEMA],
    );
    if (legacy.rows[0]?.found && (o.schema ?? DEFAULT_PGBOSS_SCHEMA) !== LEGACY_SCHEMA)
      ctx.log.warn(
        `pg-boss: the schema "${LEGACY_SCHEMA}" of pg-boss 10 is no longer used (jobs are in "${o.schema ?? DEFAULT_PGBOSS_SCHEMA}"); drop it once no older instance runs: DROP SCHEMA ${LEGACY_SCHEMA} CASCADE`,
      );
    for (const job of jobs) {
      await boss.createQueue(job.name, {
        policy: 'stately',
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: job.expireInSeconds,
      });
      await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai', missed: 'skip' });
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
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
