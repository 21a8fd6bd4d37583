import { sql, type Insertable, type Selectable } from 'kysely';
import { isPostgres } from '../db/migrations/helpers.js';
import type { Executor } from '../db/database.js';
import type { SimilarityDocumentTable, SimilarityReportTable } from '../db/schema.js';
import { readSnapshot } from './content.js';
import { VISIBLE_ASSIGNMENT_STATUSES } from './expertAssignments.js';

/** Kysely queries of 查重: documents, the fingerprint index, reports, settings and runs. No rules here. */

export type SimilarityDocumentRow = Selectable<SimilarityDocumentTable>;
export type SimilarityReportRow = Selectable<SimilarityReportTable>;

/** Rows per multi-row insert and values per IN list (well under SQLite's and PostgreSQL's limits). */
const CHUNK = 500;
/** Hashes looked up per statement in a check (a document has a few thousand). */
const HASH_CHUNK = 2000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The facts about an application that its 查重 document records. */
export async function findApplicationForIndex(db: Executor, applicationId: string) {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .leftJoin('application_snapshots as s', 's.id', 'a.current_snapshot_id')
    .select([
      'a.id',
      'a.batch_id',
      'a.unit_id',
      'a.city_id',
      'a.province_id',
      'a.uscc',
      'a.number',
      'a.space_name',
      'a.current_snapshot_id',
      'unit.name as unit_name',
      'city.short_name as city_short_name',
      'city.name as city_name',
      'b.name as batch_name',
      'b.year as batch_year',
      'b.notice_text',
      's.content as snapshot_content',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  return row && { ...row, snapshot_content: readSnapshot(row.snapshot_content, `snapshot ${row.current_snapshot_id}`) };
}

/** Replaces the document of a source (by application, or by imported file) and its fingerprints. */
export async function replaceDocument(
  trx: Executor,
  doc: Omit<Insertable<SimilarityDocumentTable>, 'id'>,
  fingerprints: Int32Array,
): Promise<number> {
  const existing = doc.application_id
    ? await trx
        .selectFrom('similarity_documents')
        .select('id')
        .where('application_id', '=', doc.application_id)
        .executeTakeFirst()
    : await trx
        .selectFrom('similarity_documents')
        .select('id')
        .where('kind', '=', doc.kind)
        .where('source_file', '=', doc.source_file ?? '')
        .executeTakeFirst();
  if (!existing) {
    const row = await trx.insertInto('similarity_documents').values(doc).returning('id').executeTakeFirstOrThrow();
    await insertFingerprints(trx, Number(row.id), fingerprints);
    return Number(row.id);
  }
  const id = Number(existing.id);
  await trx.updateTable('similarity_documents').set(doc).where('id', '=', id).execute();
  // A resubmission keeps most of its fingerprints: only those gone are deleted and those new added
  // (the index on doc_id covers the read), not the whole set rewritten.
  const wanted = new Set(fingerprints);
  const held = new Set<number>();
  for (const r of await trx.selectFrom('similarity_fingerprints').select('hash').where('doc_id', '=', id).execute())
    held.add(Number(r.hash));
  const gone = [...held].filter((h) => !wanted.has(h));
  for (const part of chunks(gone))
    await trx.deleteFrom('similarity_fingerprints').where('doc_id', '=', id).where('hash', 'in', part).execute();
  await insertFingerprints(
    trx,
    id,
    [...wanted].filter((h) => !held.has(h)),
  );
  return id;
}

/**
 * The hashes as one bound value that the database expands into rows: an int4[] on PostgreSQL
 * (unnest), a JSON array on SQLite (json_each). One statement whatever the count, no parameter limit.
 */
function hashList(db: Executor, hashes: ArrayLike<number>) {
  const list = Array.from(hashes);
  return isPostgres(db)
    ? sql<number>`select unnest(${list}::int4[]) as value`
    : sql<number>`select value from json_each(${JSON.stringify(list)})`;
}

/** Adds a document's fingerprints (distinct hashes) to the index in one statement. */
export async function insertFingerprints(db: Executor, docId: number, hashes: ArrayLike<number>): Promise<void> {
  if (hashes.length === 0) return;
  await sql`insert into similarity_fingerprints (hash, doc_id) select h.value, ${docId} from (${hashList(db, hashes)}) h`.execute(
    db,
  );
}

/**
 * What the index holds of a document's hashes, the document `docId` excepted: the hashes held by
 * `boilerplateMinDocs` or more other documents (boilerplate: their documents are not listed), and
 * every (hash, document) of the others. One statement per chunk of hashes; each hash's documents are
 * counted on the primary key (hash, doc_id), which covers the query, and the count stops at
 * `boilerplateMinDocs`, so a phrase found in thousands of documents costs a few index steps and no
 * rows.
 */
export async function fingerprintHits(
  db: Executor,
  hashes: ArrayLike<number>,
  docId: number,
  boilerplateMinDocs: number,
): Promise<{ boilerplate: Int32Array; hashes: Int32Array; docs: Int32Array }> {
  const boilerplate: number[] = [];
  const outHashes: number[] = [];
  const outDocs: number[] = [];
  const all = Array.from(hashes);
  for (let i = 0; i < all.length; i += HASH_CHUNK) {
    const part = all.slice(i, i + HASH_CHUNK);
    // SQLite loops over the JSON list and probes the key (CROSS JOIN fixes that order for its
    // planner); PostgreSQL probes the key for each element of the array.
    const list = isPostgres(db)
      ? sql`select unnest(${part}::int4[]) as value`
      : sql`select value from json_each(${JSON.stringify(part)})`;
    const { rows } = await sql<{ hash: number; doc_id: number | string | null }>`
      with q as (select value as hash from (${list}) l),
      df as (
        select q.hash, (
          select count(*) from (
            select 1 from similarity_fingerprints g
            where g.hash = q.hash and g.doc_id <> ${docId} limit ${boilerplateMinDocs}
          ) c
        ) as n
        from q
      )
      select df.hash, null as doc_id from df where df.n >= ${boilerplateMinDocs}
      union all
      select df.hash, f.doc_id from df cross join similarity_fingerprints f
      where f.hash = df.hash and df.n > 0 and df.n < ${boilerplateMinDocs} and f.doc_id <> ${docId}`.execute(db);
    for (const r of rows) {
      if (r.doc_id === null) boilerplate.push(Number(r.hash));
      else {
        outHashes.push(Number(r.hash));
        outDocs.push(Number(r.doc_id));
      }
    }
  }
  return {
    boilerplate: Int32Array.from(boilerplate),
    hashes: Int32Array.from(outHashes),
    docs: Int32Array.from(outDocs),
  };
}

export async function loadDocuments(db: Executor, ids: readonly number[]): Promise<SimilarityDocumentRow[]> {
  const out: SimilarityDocumentRow[] = [];
  for (const part of chunks(ids))
    out.push(...(await db.selectFrom('similarity_documents').selectAll().where('id', 'in', part).execute()));
  return out;
}

export async function countDocuments(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('similarity_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findReport = (db: Executor, applicationId: string) =>
  db.selectFrom('similarity_reports').selectAll().where('application_id', '=', applicationId).executeTakeFirst();

/** Writes an application's report (one row per application: the current snapshot's). */
export async function saveReport(
  db: Executor,
  row: Omit<SimilarityReportRow, 'attempts' | 'next_attempt_at' | 'source_refresh' | 'recheck_requested'>,
): Promise<void> {
  await db
    .insertInto('similarity_reports')
    .values({ ...row, next_attempt_at: null })
    .onConflict((oc) =>
      oc.column('application_id').doUpdateSet({
        snapshot_id: row.snapshot_id,
        status: row.status,
        computed_at: row.computed_at,
        overall: row.overall,
        overall_excluding_same_unit: row.overall_excluding_same_unit,
        max_single_source: row.max_single_source,
        report: row.report,
        error: row.error,
        updated_at: row.updated_at,
        next_attempt_at: null,
      }),
    )
    .execute();
}

/** A report due for a check now, not tried yet, its figures cleared (`sourceRefresh`: a source's re-check). */
const pendingValues = (at: string, sourceRefresh: 0 | 1) => ({
  status: 'pending' as const,
  computed_at: null,
  overall: null,
  overall_excluding_same_unit: null,
  max_single_source: null,
  error: null,
  updated_at: at,
  attempts: 0,
  next_attempt_at: at,
  source_refresh: sourceRefresh,
});

/**
 * Marks an application's report pending for its new snapshot (a submission): the check is due now
 * and has not been tried yet. A report of an earlier snapshot is no longer shown (only a ready one
 * is); its JSON stays until the check replaces it, so the check can re-check its former sources.
 */
export async function markReportPending(db: Executor, applicationId: string, snapshotId: string, at: string) {
  const row = { application_id: applicationId, snapshot_id: snapshotId, ...pendingValues(at, 0) };
  const { application_id: _, ...update } = row;
  await db
    .insertInto('similarity_reports')
    .values({ ...row, report: null })
    .onConflict((oc) => oc.column('application_id').doUpdateSet(update))
    .execute();
}

/**
 * Marks the reports of a check's sources pending for a re-check (`source_refresh`: it re-checks no
 * sources in turn). A pending report is left as it is: its check is due anyway and reads the index as
 * it will be (several re-checks asked for one application are one). A running one — another instance
 * checking it against the index as it was — gets `recheck_requested`: it is due again when it ends.
 */
export async function markSourcesForRefresh(db: Executor, applicationIds: readonly string[], at: string) {
  for (const part of chunks(applicationIds)) {
    await db
      .updateTable('similarity_reports')
      .set(pendingValues(at, 1))
      .where('application_id', 'in', part)
      .where('status', 'in', ['ready', 'failed'])
      .execute();
    await db
      .updateTable('similarity_reports')
      .set({ recheck_requested: 1 })
      .where('application_id', 'in', part)
      .where('status', '=', 'running')
      .execute();
  }
}

/**
 * After a check has stored its report: if a re-check was asked for while it ran, the report is pending
 * again as a source re-check (due now). True when it was.
 */
export async function requeueIfRequested(db: Executor, applicationId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('similarity_reports')
    .set({ ...pendingValues(at, 1), recheck_requested: 0 })
    .where('application_id', '=', applicationId)
    .where('recheck_requested', '=', 1)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Reports whose check is due: pending and due, or running but stale (its instance died). */
export async function dueChecks(db: Executor, at: string, staleBefore: string, limit: number) {
  return db
    .selectFrom('similarity_reports')
    .select(['application_id', 'snapshot_id', 'status', 'attempts', 'updated_at', 'source_refresh'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Claims a due check (one instance wins): its status and time must still be those read. */
export async function claimCheck(
  db: Executor,
  seen: { application_id: string; status: string; updated_at: string },
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('similarity_reports')
    .set({ status: 'running', updated_at: at, attempts: (eb) => eb('attempts', '+', 1), recheck_requested: 0 })
    .where('application_id', '=', seen.application_id)
    .where('status', '=', seen.status)
    .where('updated_at', '=', seen.updated_at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a failed check: pending again at `retryAt`, or failed for good (retryAt null). */
export async function recordCheckFailure(
  db: Executor,
  applicationId: string,
  error: string,
  at: string,
  retryAt: string | null,
) {
  await db
    .updateTable('similarity_reports')
    .set({ status: retryAt ? 'pending' : 'failed', error, updated_at: at, next_attempt_at: retryAt })
    .where('application_id', '=', applicationId)
    .where('status', '=', 'running')
    .execute();
}

export const findSettings = (db: Executor, batchId: string) =>
  db.selectFrom('similarity_settings').selectAll().where('batch_id', '=', batchId).executeTakeFirst();

export async function saveSettings(
  db: Executor,
  row: {
    batch_id: string;
    pair_threshold: number;
    boilerplate_min_docs: number;
    updated_by: string;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('similarity_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('batch_id').doUpdateSet({
        pair_threshold: row.pair_threshold,
        boilerplate_min_docs: row.boilerplate_min_docs,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Which of the given applications the actor's expert assignments reach. */
export async function assignedAmong(db: Executor, expertId: string, applicationIds: readonly string[]) {
  const out = new Set<string>();
  for (const part of chunks(applicationIds))
    for (const r of await db
      .selectFrom('expert_assignments')
      .select('application_id')
      .where('expert_id', '=', expertId)
      .where('status', 'in', [...VISIBLE_ASSIGNMENT_STATUSES])
      .where('application_id', 'in', part)
      .execute())
      out.add(r.application_id);
  return out;
}
