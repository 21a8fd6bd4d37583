import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SimilarityDocumentTable, SimilarityReportTable } from '../db/schema.js';
import { readSnapshot } from './content.js';
import { VISIBLE_ASSIGNMENT_STATUSES } from './expertAssignments.js';

/** Kysely queries of 查重: documents, the fingerprint index, reports, settings and runs. No rules here. */

export type SimilarityDocumentRow = Selectable<SimilarityDocumentTable>;
export type SimilarityReportRow = Selectable<SimilarityReportTable>;

/** Rows per multi-row insert and values per IN list (well under SQLite's and PostgreSQL's limits). */
const CHUNK = 500;

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
  let id: number;
  if (existing) {
    id = Number(existing.id);
    await trx.updateTable('similarity_documents').set(doc).where('id', '=', id).execute();
    await trx.deleteFrom('similarity_fingerprints').where('doc_id', '=', id).execute();
  } else {
    const row = await trx.insertInto('similarity_documents').values(doc).returning('id').executeTakeFirstOrThrow();
    id = Number(row.id);
  }
  for (const part of chunks(Array.from(fingerprints)))
    await trx
      .insertInto('similarity_fingerprints')
      .values(part.map((hash) => ({ hash, doc_id: id })))
      .execute();
  return id;
}

/** How many documents (other than `docId`) hold each of the hashes; hashes held by none are absent. */
export async function documentFrequencies(db: Executor, hashes: readonly number[], docId: number) {
  const df = new Map<number, number>();
  for (const part of chunks(hashes)) {
    const rows = await db
      .selectFrom('similarity_fingerprints')
      .select(['hash', (eb) => eb.fn.countAll<number>().as('n')])
      .where('hash', 'in', part)
      .where('doc_id', '<>', docId)
      .groupBy('hash')
      .execute();
    for (const r of rows) df.set(Number(r.hash), Number(r.n));
  }
  return df;
}

/** The documents (other than `docId`) holding any of the hashes, with the number of hashes shared. */
export async function documentsSharing(db: Executor, hashes: readonly number[], docId: number) {
  const shared = new Map<number, number>();
  for (const part of chunks(hashes)) {
    const rows = await db
      .selectFrom('similarity_fingerprints')
      .select('doc_id')
      .where('hash', 'in', part)
      .where('doc_id', '<>', docId)
      .execute();
    for (const r of rows) shared.set(Number(r.doc_id), (shared.get(Number(r.doc_id)) ?? 0) + 1);
  }
  return shared;
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
export async function saveReport(db: Executor, row: SimilarityReportRow): Promise<void> {
  await db
    .insertInto('similarity_reports')
    .values(row)
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
      }),
    )
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
