import type { Db } from '../db/database.js';
import { claimCheck, dueChecks, recordCheckFailure, requeueIfRequested } from '../repositories/similarity.js';
import { checkApplication } from './check.js';

/** Tries of one snapshot's check before its report reads "failed". */
export const MAX_CHECK_ATTEMPTS = 3;
/** Wait before the second try; doubled for each further one. */
const RETRY_DELAY_MS = 30_000;
/** A check "running" longer than this was lost with its instance and is tried again. */
const STALE_MS = 15 * 60_000;
/** Checks claimed per query. */
const PAGE = 20;

/** The Chinese message a failed check shows (the technical error goes to the log). */
export const CHECK_FAILED_MESSAGE = '查重计算出错';

export interface CheckPassResult {
  done: number;
  retried: number;
  failed: number;
}

/**
 * One pass of the 查重 job: every due check (pending and due, or running but stale) is claimed and
 * run; a failure is recorded and retried later with a growing delay, at most MAX_CHECK_ATTEMPTS times
 * in all, then the report reads "failed". Claims are guarded, so instances never run one check twice.
 */
export async function runDueChecks(
  db: Db,
  now: () => Date,
  opts: {
    check?: (db: Db, applicationId: string, now: Date, opts: { refreshSources: boolean }) => Promise<void>;
    onError?: (err: unknown, applicationId: string) => void;
  } = {},
): Promise<CheckPassResult> {
  const check = opts.check ?? checkApplication;
  const result: CheckPassResult = { done: 0, retried: 0, failed: 0 };
  // A report is tried once per state it was read in: a source re-check asked for by a later check
  // of this pass (a new updated_at) runs in this pass too.
  const tried = new Set<string>();
  const key = (r: { application_id: string; updated_at: string }) => `${r.application_id}@${r.updated_at}`;
  for (;;) {
    const at = now();
    const due = (await dueChecks(db, at.toISOString(), new Date(at.getTime() - STALE_MS).toISOString(), PAGE)).filter(
      (r) => !tried.has(key(r)),
    );
    if (due.length === 0) return result;
    for (const row of due) {
      tried.add(key(row));
      const claimedAt = now();
      if (!(await claimCheck(db, row, claimedAt.toISOString()))) continue;
      try {
        // A submission's check re-checks its sources; their re-checks do not (no cascade).
        await check(db, row.application_id, claimedAt, { refreshSources: !Number(row.source_refresh) });
        result.done++;
        // A later check found this application while it ran (another instance): due again, now.
        await requeueIfRequested(db, row.application_id, now().toISOString());
      } catch (err) {
        opts.onError?.(err, row.application_id);
        const attempts = Number(row.attempts) + 1;
        const retry = attempts < MAX_CHECK_ATTEMPTS;
        const retryAt = retry ? new Date(now().getTime() + RETRY_DELAY_MS * 2 ** (attempts - 1)).toISOString() : null;
        await recordCheckFailure(db, row.application_id, CHECK_FAILED_MESSAGE, now().toISOString(), retryAt);
        if (retry) result.retried++;
        else result.failed++;
      }
    }
  }
}
