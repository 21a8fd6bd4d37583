import type { Db } from '../db/database.js';
import { checkApplication } from './check.js';

/**
 * In-process background work of 查重: checks run one at a time after the submission committed, so a
 * burst of submissions does not take every core. The report reads "pending" until its check ran.
 * One call (scheduleSimilarityCheck) is the hook; a job queue can replace this module later.
 */
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

/** The hook after a submission commits: the application's 查重 report is computed in the background. */
export function scheduleSimilarityCheck(db: Db, applicationId: string, now: Date): void {
  void enqueueSimilarityTask(`application ${applicationId}`, () => checkApplication(db, applicationId, now));
}

/** Resolves when every queued task has finished (graceful shutdown, tests). */
export async function similarityIdle(): Promise<void> {
  while (queued > 0) await tail;
}
