import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { FileStore } from '../files/fileStore.js';
import { runOutboxPass } from '../notifications/outbox.js';
import { runReminders } from '../notifications/reminders.js';
import { remindExperts } from '../notifications/expertReminders.js';
import { runRetention } from '../retention.js';
import { runDueChecks } from '../similarity/checks.js';
import { runQueuedRuns } from '../similarity/runs.js';
import { SIMILARITY_JOB } from '../similarity/scheduler.js';

/** What a background job may use. */
export interface JobContext {
  db: Db;
  clock: Clock;
  config: Config;
  files: FileStore;
  log: FastifyBaseLogger;
}

/**
 * A background job. Delivery is at least once (an instance may die after doing the work and before
 * recording it), so every handler is idempotent: the outbox claims each e-mail under a lease, the
 * reminders are keyed by deadline and user, and so on.
 */
export interface JobDefinition {
  name: string;
  /** When it runs across the deployment (cron, Asia/Shanghai), through pg-boss on PostgreSQL. */
  cron: string;
  /** How often the in-process loop runs it on SQLite. */
  everyMs: number;
  /** Longest expected run; a run still active after this is taken to have died with its instance and retried. */
  expireInSeconds: number;
  /** Also run once when an instance starts (on PostgreSQL: enqueued, so one instance runs it). */
  runAtStart?: boolean;
  run(ctx: JobContext): Promise<void>;
}

const outbox: JobDefinition = {
  name: 'email-outbox',
  cron: '* * * * *',
  everyMs: 60_000,
  expireInSeconds: 300,
  async run(ctx) {
    const r = await runOutboxPass({
      db: ctx.db,
      now: () => ctx.clock.now(),
      smtpUrl: ctx.config.SMTP_URL,
      from: ctx.config.SMTP_FROM,
      publicBaseUrl: ctx.config.publicBaseUrl,
      log: ctx.log,
    });
    if (r.sent || r.retried || r.failed) ctx.log.info(r, 'e-mail outbox pass');
  },
};

const reminders: JobDefinition = {
  name: 'deadline-reminders',
  cron: '*/10 * * * *',
  everyMs: 10 * 60_000,
  expireInSeconds: 600,
  async run(ctx) {
    const now = ctx.clock.now();
    const n = (await runReminders(ctx.db, now)) + (await remindExperts(ctx.db, now));
    if (n) ctx.log.info({ reminders: n }, 'deadline reminders written');
  },
};

/**
 * Retention: leftovers of unfinished uploads, unreferenced stored files (local or S3), expired sessions
 * and idempotency keys (src/server/retention.ts logs one line with the figures). Hourly.
 */
const retention: JobDefinition = {
  name: 'retention',
  cron: '17 * * * *',
  everyMs: 60 * 60_000,
  expireInSeconds: 1800,
  runAtStart: true,
  async run(ctx) {
    await runRetention(ctx.db, ctx.files, ctx.config, { now: ctx.clock.now(), log: ctx.log });
  },
};

/**
 * 查重 (issue 15): the checks of submitted applications (due, or lost with an instance; a failure is
 * retried with a growing delay, three tries in all, then the report reads "failed") and the batches'
 * queued cross-checks. A submission asks for a pass at once (JobRunner.send); the schedule catches
 * anything a lost request left behind. A pass whose instance died holds the queue (policy 'stately')
 * until it expires, so the expiry is short: a longer pass still alive goes on (its batch run keeps
 * its claim and heartbeat, src/server/similarity/runs.ts, and the checks are claimed one by one), and
 * a run left by a dead instance is taken up by the next pass once its heartbeat is stale.
 */
const similarity: JobDefinition = {
  name: SIMILARITY_JOB,
  cron: '* * * * *',
  everyMs: 15_000,
  expireInSeconds: 600,
  runAtStart: true,
  async run(ctx) {
    const now = () => ctx.clock.now();
    const r = await runDueChecks(ctx.db, now, {
      onError: (err, applicationId) => ctx.log.error({ err, applicationId }, '查重 check failed'),
    });
    const runs = await runQueuedRuns(ctx.db, now);
    if (r.done || r.retried || r.failed || runs) ctx.log.info({ ...r, runs }, '查重 pass');
  },
};

/**
 * Every background job of the deployment. Registration point for the jobs other modules add:
 * - the audit sealer (`sealOnce` from src/server/audit, issue 12): `{ name: 'audit-seal', cron: '* * * * *', … }`;
 * Each appears here once it exists on main; the runners need no change.
 */
export function jobDefinitions(): JobDefinition[] {
  return [outbox, reminders, retention, similarity];
}
