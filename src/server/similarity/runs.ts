import type { Db } from '../db/database.js';
import { chunks } from '../repositories/similarity.js';
import { indexApplication, settingsFor, storeReady } from './check.js';
import { crossCheck } from './crossCheck.js';
import { officialHashesFor } from './official.js';

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
 * Executes a batch's full cross-check: the applications whose indexed text is not their current
 * snapshot's are (re)indexed first, so that each is a source for all the others; then the whole
 * index is cross-checked in memory (crossCheck) and each report stored as it is computed. The
 * progress (reports done of total) is written as it goes; the state lives in the database, so any
 * instance can answer GET /api/similarity-runs/{id}.
 */
export async function executeRun(db: Db, runId: string, now: () => Date): Promise<void> {
  const run = await db.selectFrom('similarity_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.status !== 'queued') return;
  const ids = await runTargets(db, run.batch_id, run.province_id);
  const total = ids.length;
  // Claimed by one instance: the run must still be queued.
  const claimed = await db
    .updateTable('similarity_runs')
    .set({ status: 'running', started_at: now().toISOString(), total, done: 0 })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  try {
    const indexed = new Map<string, { docId: number; snapshotId: string | null }>();
    for (const part of chunks(ids))
      for (const r of await db
        .selectFrom('similarity_documents')
        .select(['id', 'application_id', 'snapshot_id'])
        .where('application_id', 'in', part)
        .execute())
        indexed.set(r.application_id!, { docId: Number(r.id), snapshotId: r.snapshot_id });
    const current = new Map<string, string | null>();
    for (const part of chunks(ids))
      for (const r of await db
        .selectFrom('applications')
        .select(['id', 'current_snapshot_id'])
        .where('id', 'in', part)
        .execute())
        current.set(r.id, r.current_snapshot_id);
    for (const id of ids) {
      const known = indexed.get(id);
      if (known && known.snapshotId === current.get(id)) continue;
      const one = await indexApplication(db, id, now());
      if (one) indexed.set(id, { docId: one.docId, snapshotId: one.app.current_snapshot_id });
    }
    const batch = await db
      .selectFrom('batches')
      .select('notice_text')
      .where('id', '=', run.batch_id)
      .executeTakeFirstOrThrow();
    const settings = await settingsFor(db, run.batch_id);
    let reported = Date.now();
    await crossCheck(db, {
      targets: ids.flatMap((id) => (indexed.has(id) ? [indexed.get(id)!.docId] : [])),
      official: officialHashesFor(batch.notice_text),
      boilerplateMinDocs: settings.boilerplateMinDocs,
      save: (row, report) => storeReady(db, row.application_id!, row.snapshot_id!, report, now().toISOString()),
      progress: async (done) => {
        if (Date.now() - reported < 500) return;
        reported = Date.now();
        await db.updateTable('similarity_runs').set({ done }).where('id', '=', runId).execute();
      },
    });
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

/** Executes the queued runs, oldest first (a pass of the 查重 job). */
export async function runQueuedRuns(db: Db, now: () => Date): Promise<number> {
  const queued = await db
    .selectFrom('similarity_runs')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .execute();
  for (const r of queued) await executeRun(db, r.id, now);
  return queued.length;
}
