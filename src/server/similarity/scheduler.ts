import type { Db } from '../db/database.js';
import { markReportPending } from '../repositories/similarity.js';
import { runDueChecks } from './checks.js';
import { runQueuedRuns } from './runs.js';

/**
 * Background work of 查重. A submission marks its report "pending" and asks for the job
 * 'similarity-checks' (src/server/jobs/definitions.ts), which runs the due checks with bounded
 * retries (checks.ts); the job also runs every few seconds, so nothing stays pending when a request
 * was lost. Where no job runner was started (tests, tools), the same pass runs in this process, one
 * task at a time.
 */
let sendJob: ((name: string) => Promise<void>) | null = null;

export const SIMILARITY_JOB = 'similarity-checks';

/** Hands 查重 work to the job runner (main.ts, once the runner is started). */
export function useSimilarityJobs(send: ((name: string) => Promise<void>) | null): void {
  sendJob = send;
}

let tail: Promise<void> = Promise.resolve();
let queued = 0;

/** Runs a task after every task queued before it; failures are logged and do not stop the queue. */
export function enqueueSimilarityTask(label: string, task: () => Promise<void>): Promise<void> {
  queued++;
  const run = tail.then(async () => {
    try {
      await task();
    } catch (err) {
      console.error(`查重任务失败（${label}）:`, err);
    } finally {
      queued--;
    }
  });
  tail = run;
  return run;
}

/** Asks for a pass of the 查重 job: through the runner, or in this process without one. */
export function kickSimilarityJob(db: Db, now: () => Date): void {
  if (sendJob) {
    sendJob(SIMILARITY_JOB).catch((err: unknown) => console.error('查重任务未能排队:', err));
    return;
  }
  void enqueueSimilarityTask('pass', async () => {
    await runDueChecks(db, now, { onError: (err, id) => console.error(`查重失败（application ${id}）:`, err) });
    await runQueuedRuns(db, now);
  });
}

/** The hook after a submission commits: the report is pending and its check is asked for. */
export function scheduleSimilarityCheck(db: Db, applicationId: string, now: Date): void {
  void enqueueSimilarityTask(`application ${applicationId}`, async () => {
    const app = await db
      .selectFrom('applications')
      .select('current_snapshot_id')
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!app?.current_snapshot_id) return;
    await markReportPending(db, applicationId, app.current_snapshot_id, now.toISOString());
    kickSimilarityJob(db, () => new Date(Math.max(Date.now(), now.getTime())));
  });
}

/** Resolves when every queued task has finished (graceful shutdown, tests). */
export async function similarityIdle(): Promise<void> {
  while (queued > 0) await tail;
}
