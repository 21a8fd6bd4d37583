import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { SimilarityRunTable } from '../db/schema.js';
import { chunks } from '../repositories/similarity.js';
import { indexApplication, settingsFor, storeReadyMany } from './check.js';
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

/** A running run whose heartbeat is older than this lost its worker (an instance that died). */
export const STALE_RUN_MS = 5 * 60_000;
/** How often a working run writes its heartbeat (and its progress, at most every 500 ms). */
const HEARTBEAT_MS = 30_000;
/** Claims of one run at most: a run lost that often is marked failed instead of taken up again. */
export const MAX_RUN_ATTEMPTS = 2;
/** The error a run lost with its worker shows (the province may start the batch's run again). */
export const RUN_LOST_MESSAGE = '查重任务中断：执行它的实例已停止，请重新发起查重';

/** Thrown inside a run whose claim was taken by another worker: it stops without writing. */
class RunSuperseded extends Error {}

type RunRow = SimilarityRunTable;

/** True when a running run's worker gave no sign of life since `staleBefore` (ISO). */
const isStale = (run: RunRow, staleBefore: string) =>
  run.status === 'running' && (run.heartbeat_at ?? run.started_at ?? run.created_at) < staleBefore;

/** The run as read, still: same status and claim (so two workers never both take it up). */
function unchanged(db: Db, run: RunRow) {
  return db
    .updateTable('similarity_runs')
    .where('id', '=', run.id)
    .where('status', '=', run.status)
    .where('claim_id', run.claim_id === null ? 'is' : '=', run.claim_id);
}

/**
 * Executes a batch's full cross-check: the applications whose indexed text is not their current
 * snapshot's are (re)indexed first, so that each is a source for all the others; then the whole
 * index is cross-checked (crossCheck) and each report stored as it is computed. The progress (reports
 * done of total) and a heartbeat are written as it goes, under the worker's claim; the state lives in
 * the database, so any instance can answer GET /api/similarity-runs/{id}. A queued run is claimed;
 * a running one whose heartbeat is stale (its worker died) is claimed again and redone from the start
 * (the reports are overwritten, so redoing is harmless), or marked failed with RUN_LOST_MESSAGE after
 * MAX_RUN_ATTEMPTS claims.
 */
export async function executeRun(db: Db, runId: string, now: () => Date): Promise<void> {
  const run = await db.selectFrom('similarity_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return;
  const staleBefore = new Date(now().getTime() - STALE_RUN_MS).toISOString();
  if (run.status !== 'queued' && !isStale(run, staleBefore)) return;
  if (run.status === 'running' && Number(run.attempts) >= MAX_RUN_ATTEMPTS) {
    const at = now().toISOString();
    await unchanged(db, run)
      .set({ status: 'failed', error: RUN_LOST_MESSAGE, finished_at: at, claim_id: null })
      .execute();
    return;
  }
  const ids = await runTargets(db, run.batch_id, run.province_id);
  const total = ids.length;
  const claim = randomUUID();
  const startedAt = now().toISOString();
  const claimed = await unchanged(db, run)
    .set({
      status: 'running',
      started_at: startedAt,
      heartbeat_at: startedAt,
      claim_id: claim,
      attempts: Number(run.attempts) + 1,
      total,
      done: 0,
      error: null,
    })
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  const mine = () => db.updateTable('similarity_runs').where('id', '=', runId).where('claim_id', '=', claim);
  let lost = false;
  const beat = async (done?: number) => {
    if (lost) throw new RunSuperseded();
    const r = await mine()
      .set({ heartbeat_at: now().toISOString(), ...(done === undefined ? {} : { done }) })
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      lost = true;
      throw new RunSuperseded();
    }
  };
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  try {
    const targets = await indexTargets(db, ids, now);
    await beat();
    const batch = await db
      .selectFrom('batches')
      .select('notice_text')
      .where('id', '=', run.batch_id)
      .executeTakeFirstOrThrow();
    const settings = await settingsFor(db, run.batch_id);
    let reported = Date.now();
    await crossCheck(db, {
      targets,
      official: officialHashesFor(batch.notice_text),
      boilerplateMinDocs: settings.boilerplateMinDocs,
      save: async (reports) => {
        if (lost) throw new RunSuperseded();
        await storeReadyMany(
          db,
          reports.map(({ row, report }) => ({
            applicationId: row.application_id!,
            snapshotId: row.snapshot_id!,
            report,
          })),
          now().toISOString(),
        );
      },
      progress: async (done) => {
        if (Date.now() - reported < 500) return;
        reported = Date.now();
        await beat(done);
      },
    });
    await mine().set({ status: 'done', done: total, finished_at: now().toISOString(), claim_id: null }).execute();
  } catch (err) {
    if (err instanceof RunSuperseded) return;
    await mine()
      .set({ status: 'failed', error: String(err).slice(0, 500), finished_at: now().toISOString(), claim_id: null })
      .execute();
    throw err;
  } finally {
    clearInterval(timer);
  }
}

/** (Re)indexes the targets whose indexed text is not their current snapshot's; their document ids. */
async function indexTargets(db: Db, ids: readonly string[], now: () => Date): Promise<number[]> {
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
  return ids.flatMap((id) => (indexed.has(id) ? [indexed.get(id)!.docId] : []));
}

/**
 * A pass over the runs (part of the 查重 job): the queued ones, oldest first, and the running ones
 * whose worker is gone (stale heartbeat), which are taken up again or marked failed. Returns how
 * many were looked at.
 */
export async function runQueuedRuns(db: Db, now: () => Date): Promise<number> {
  const staleBefore = new Date(now().getTime() - STALE_RUN_MS).toISOString();
  const due = await db
    .selectFrom('similarity_runs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          eb(eb.fn.coalesce('heartbeat_at', 'started_at', 'created_at'), '<', staleBefore),
        ]),
      ]),
    )
    .orderBy('created_at')
    .execute();
  for (const r of due) await executeRun(db, r.id, now);
  return due.length;
}
