import type { Db } from '../db/database.js';
import { indexApplication, prepareApplication, reportApplication } from './check.js';

/** The applications a run checks: the batch's submitted ones (in the province, when given). */
export async function runTargets(db: Db, batchId: string, provinceId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('current_snapshot_id', 'is not', null)
    .$if(!!provinceId, (q) => q.where('province_id', '=', provinceId!))
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Executes a batch's full cross-check: first every application is (re)indexed, so that each is a
 * source for all the others whatever their order, then each is checked and its report stored. The
 * progress (reports done of total) is written as it goes; the state lives in the
 * database, so any instance can answer GET /api/similarity-runs/{id}.
 */
export async function executeRun(db: Db, runId: string, now: () => Date): Promise<void> {
  const run = await db.selectFrom('similarity_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.status !== 'queued') return;
  const ids = await runTargets(db, run.batch_id, run.province_id);
  const total = ids.length;
  await db
    .updateTable('similarity_runs')
    .set({ status: 'running', started_at: now().toISOString(), total, done: 0 })
    .where('id', '=', runId)
    .execute();
  try {
    // Every application is indexed first, so that each is a source for all the others.
    const docs = new Map<string, number>();
    for (const id of ids) {
      const one = await indexApplication(db, id, now());
      if (one) docs.set(id, one.docId);
    }
    let done = 0;
    let reported = Date.now();
    for (const [id, docId] of docs) {
      const prepared = await prepareApplication(db, id);
      if (prepared) await reportApplication(db, { ...prepared, docId }, now());
      done++;
      if (Date.now() - reported > 500) {
        reported = Date.now();
        await db.updateTable('similarity_runs').set({ done }).where('id', '=', runId).execute();
      }
    }
    await db
      .updateTable('similarity_runs')
      .set({ status: 'done', done: total, finished_at: now().toISOString() })
      .where('id', '=', runId)
      .execute();
  } catch (err) {
    await db
      .updateTable('similarity_runs')
      .set({ status: 'failed', error: String(err).slice(0, 500), finished_at: now().toISOString() })
      .where('id', '=', runId)
      .execute();
    throw err;
  }
}
