import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { readContent, readSnapshot } from './content.js';
import { workingCopyJson } from './sections.js';

/** Queries the document producers need: snapshots by code, ranks, file times, export rows. */

/**
 * Snapshots whose SHA-256 begins with the 12-digit code, with their application's number, city and
 * batch. A range on the indexed column (code ≤ sha256 < code + "g"; hex sorts below "g") rather
 * than LIKE, so that both databases use the index.
 */
export async function findSnapshotsForCode(db: Executor, code: string) {
  const rows = await db
    .selectFrom('application_snapshots as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .select([
      's.id',
      's.application_id',
      's.seq',
      's.sha256',
      's.created_at',
      's.content',
      'a.number',
      'a.space_name',
      'b.name as batch_name',
    ])
    // 所在市: the city's short name (南京市), not its bureau's (南京市科学技术局).
    .select((eb) => eb.fn.coalesce('city.short_name', 'city.name').as('city_name'))
    .where('s.sha256', '>=', code)
    .where('s.sha256', '<', `${code}g`)
    .orderBy('s.application_id')
    .orderBy('s.seq', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({ ...r, content: readSnapshot(r.content, `snapshot ${r.id}`) }));
}

/** The latest submitted version of each application (seq and time). */
export async function latestSnapshots(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return new Map<string, { seq: number; created_at: string }>();
  const rows = await db
    .selectFrom('application_snapshots as s')
    .select(['s.application_id', 's.seq', 's.created_at'])
    .where('s.application_id', 'in', applicationIds)
    .where(({ eb, selectFrom }) =>
      eb(
        's.seq',
        '=',
        selectFrom('application_snapshots as t')
          .select((e) => e.fn.max('t.seq').as('m'))
          .whereRef('t.application_id', '=', 's.application_id'),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.application_id, { seq: Number(r.seq), created_at: r.created_at }]));
}

/** Upload times of an application's files by SHA-256 (deleted ones too: a snapshot may list them). */
export async function fileUploadTimes(db: Executor, applicationId: string) {
  const rows = await db
    .selectFrom('application_files')
    .select(['sha256', 'uploaded_at'])
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .execute();
  const times = new Map<string, string>();
  for (const r of rows) if (!times.has(r.sha256)) times.set(r.sha256, r.uploaded_at);
  return times;
}

/**
 * Each application's rank in its newest dispatch of the level (city or province), for the 推荐排序
 * column.
 */
export async function dispatchRanks(db: Executor, applicationIds: string[], level: 'city' | 'province') {
  if (applicationIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('dispatch_items as i')
    .innerJoin('dispatches as d', 'd.id', 'i.dispatch_id')
    .select(['i.application_id', 'i.rank', 'd.created_at'])
    .where('i.application_id', 'in', applicationIds)
    .where('d.level', '=', level)
    .orderBy('d.created_at', 'desc')
    .execute();
  const ranks = new Map<string, number>();
  for (const r of rows) if (!ranks.has(r.application_id)) ranks.set(r.application_id, Number(r.rank));
  return ranks;
}

/** Applications by id with what a summary row or a package needs: content, current snapshot, names. */
export async function findApplicationsForDocuments(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .leftJoin('application_snapshots as s', 's.id', 'a.current_snapshot_id')
    .select([
      'a.id',
      'a.unit_id',
      'a.status',
      'a.number',
      'a.space_name',
      'a.submitted_at',
      'unit.name as unit_name',
      'b.name as batch_name',
      's.id as snapshot_id',
      's.seq as snapshot_seq',
      's.sha256 as snapshot_sha256',
      's.content as snapshot_content',
      's.created_at as snapshot_created_at',
    ])
    .select(workingCopyJson(db, 'a.id').as('content'))
    .select((eb) => eb.fn.coalesce('city.short_name', 'city.name').as('city_name'))
    .where('a.id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    ...r,
    content: readContent(r.content, `application ${r.id}`),
    snapshot_content: r.snapshot_id ? readSnapshot(r.snapshot_content, `snapshot ${r.snapshot_id}`) : null,
  }));
}
export type DocumentApplicationRow = Awaited<ReturnType<typeof findApplicationsForDocuments>>[number];

/**
 * Applications by id for the 汇总表: only the version a row prints — the submitted snapshot, or the
 * working copy where there is none or the viewing unit is editing it (as chooseVersion decides,
 * applicationDocuments.ts) — rather than both (~12 KB each). `official` says which one it is.
 */
export async function findSummaryRows(db: Executor, ids: string[], viewerUnitId: string | null) {
  if (ids.length === 0) return [];
  const official = sql<boolean>`(s.id is not null and a.status <> 'draft'
    and not (a.unit_id = ${viewerUnitId ?? ''} and a.status in ('draft', 'returned')))`;
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .leftJoin('application_snapshots as s', 's.id', 'a.current_snapshot_id')
    .select(['a.id', 'a.status', 'a.number', 'a.submitted_at', 's.sha256 as snapshot_sha256'])
    .select(sql<number>`case when ${official} then 1 else 0 end`.as('official'))
    .select(
      sql<string | null>`case when ${official} then s.content else ${workingCopyJson(db, 'a.id')} end`.as('content'),
    )
    .select((eb) => eb.fn.coalesce('city.short_name', 'city.name').as('city_name'))
    .where('a.id', 'in', ids)
    .execute();
  // The snapshot's file list is not printed in a summary row: its sections are read as a working copy's.
  return rows.map((r) => ({ ...r, content: readContent(r.content, `application ${r.id}`) }));
}

export const findOrgName = async (db: Executor, id: string) =>
  (await db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;

/** The batch's name and the notice its letters cite. */
export async function findBatchNotice(db: Executor, id: string) {
  const b = await db
    .selectFrom('batches')
    .select(['name', 'notice_title', 'notice_no'])
    .where('id', '=', id)
    .executeTakeFirst();
  return { batchName: b?.name ?? '', noticeTitle: b?.notice_title ?? '', noticeNo: b?.notice_no ?? '' };
}

export const findBatchName = async (db: Executor, id: string) =>
  (await db.selectFrom('batches').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
