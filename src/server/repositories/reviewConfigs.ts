import { sql } from 'kysely';
import type { ChecklistLevel } from '../../domain/schemas/checklistLevels.js';
import type { Executor } from '../db/database.js';

/** The stored configuration of a batch for a province, if the province saved one. */
export const findReviewConfig = (db: Executor, batchId: string, provinceId: string) =>
  db
    .selectFrom('review_configs')
    .leftJoin('users', 'users.id', 'review_configs.updated_by')
    .selectAll('review_configs')
    .select('users.display_name as updated_by_name')
    .where('review_configs.batch_id', '=', batchId)
    .where('review_configs.province_id', '=', provinceId)
    .executeTakeFirst();
export type ReviewConfigRow = NonNullable<Awaited<ReturnType<typeof findReviewConfig>>>;

export interface ReviewConfigValues {
  checklist: string;
  acceptanceChecklist: string;
  integrityText: string;
  integrityVersion: number;
  criteria: string;
  sameCityRecusal: boolean;
  userId: string;
  now: Date;
}

export async function insertReviewConfig(
  db: Executor,
  c: ReviewConfigValues & { id: string; batchId: string; provinceId: string },
): Promise<void> {
  const at = c.now.toISOString();
  await db
    .insertInto('review_configs')
    .values({
      id: c.id,
      batch_id: c.batchId,
      province_id: c.provinceId,
      checklist: c.checklist,
      acceptance_checklist: c.acceptanceChecklist,
      integrity_text: c.integrityText,
      integrity_version: c.integrityVersion,
      criteria: c.criteria,
      same_city_recusal: c.sameCityRecusal ? 1 : 0,
      updated_by: c.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}

/** Updates the configuration only if it is still at the version read; false otherwise. */
export async function updateReviewConfig(
  db: Executor,
  c: ReviewConfigValues & { id: string; version: number },
): Promise<boolean> {
  const res = await db
    .updateTable('review_configs')
    .set({
      checklist: c.checklist,
      acceptance_checklist: c.acceptanceChecklist,
      integrity_text: c.integrityText,
      integrity_version: c.integrityVersion,
      criteria: c.criteria,
      same_city_recusal: c.sameCityRecusal ? 1 : 0,
      updated_by: c.userId,
      updated_at: c.now.toISOString(),
      version: c.version + 1,
    })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- integrity acknowledgements ----

export const findAcknowledgement = (
  db: Executor,
  k: { userId: string; batchId: string; provinceId: string; textVersion: number },
) =>
  db
    .selectFrom('integrity_acknowledgements')
    .selectAll()
    .where('user_id', '=', k.userId)
    .where('batch_id', '=', k.batchId)
    .where('province_id', '=', k.provinceId)
    .where('text_version', '=', k.textVersion)
    .executeTakeFirst();

/**
 * Whether the user acknowledged the integrity text now in force for the batch and province: the
 * stored configuration's version, or `defaultVersion` when the province saved none.
 */
export async function hasCurrentAcknowledgement(
  db: Executor,
  k: { userId: string; batchId: string; provinceId: string; defaultVersion: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('integrity_acknowledgements as a')
    .select('a.id')
    .where('a.user_id', '=', k.userId)
    .where('a.batch_id', '=', k.batchId)
    .where('a.province_id', '=', k.provinceId)
    .where(
      'a.text_version',
      '=',
      sql<number>`coalesce((select rc.integrity_version from review_configs rc where rc.batch_id = ${k.batchId} and rc.province_id = ${k.provinceId}), ${k.defaultVersion})`,
    )
    .executeTakeFirst();
  return !!row;
}

export const insertAcknowledgement = (
  db: Executor,
  a: {
    id: string;
    userId: string;
    batchId: string;
    provinceId: string;
    textVersion: number;
    textSha256: string;
    now: Date;
  },
) =>
  db
    .insertInto('integrity_acknowledgements')
    .values({
      id: a.id,
      user_id: a.userId,
      batch_id: a.batchId,
      province_id: a.provinceId,
      text_version: a.textVersion,
      text_sha256: a.textSha256,
      acknowledged_at: a.now.toISOString(),
    })
    .execute();

// ---- checklist results ----

export const findChecklist = (db: Executor, applicationId: string, level: ChecklistLevel = 'city') =>
  db
    .selectFrom('review_checklists')
    .leftJoin('users', 'users.id', 'review_checklists.reviewer_id')
    .selectAll('review_checklists')
    .select('users.display_name as reviewer_name')
    .where('review_checklists.application_id', '=', applicationId)
    .where('review_checklists.level', '=', level)
    .executeTakeFirst();
export type ChecklistRow = NonNullable<Awaited<ReturnType<typeof findChecklist>>>;

export const insertChecklist = (
  db: Executor,
  c: {
    id: string;
    applicationId: string;
    level: ChecklistLevel;
    items: string;
    comment: string | null;
    reviewerId: string;
    now: Date;
  },
) =>
  db
    .insertInto('review_checklists')
    .values({
      id: c.id,
      application_id: c.applicationId,
      level: c.level,
      items: c.items,
      comment: c.comment,
      reviewer_id: c.reviewerId,
      created_at: c.now.toISOString(),
      updated_at: c.now.toISOString(),
      version: 1,
    })
    .execute();

export async function updateChecklist(
  db: Executor,
  c: { id: string; version: number; items: string; comment: string | null; reviewerId: string; now: Date },
): Promise<boolean> {
  const res = await db
    .updateTable('review_checklists')
    .set({
      items: c.items,
      comment: c.comment,
      reviewer_id: c.reviewerId,
      updated_at: c.now.toISOString(),
      version: c.version + 1,
    })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * A resubmission after a return opens a new review round: at every level, the ticks saved so far
 * become the previous round (上一轮) and the items start unticked, to be confirmed again.
 */
export async function startChecklistRound(db: Executor, applicationId: string, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('review_checklists')
    .select(['id', 'items', 'version'])
    .where('application_id', '=', applicationId)
    .execute();
  for (const row of rows) {
    let items: { key: string; label: string }[] = [];
    try {
      const v: unknown = JSON.parse(row.items);
      if (Array.isArray(v)) items = v as { key: string; label: string }[];
    } catch {
      // an unreadable row starts empty
    }
    await db
      .updateTable('review_checklists')
      .set({
        previous_items: row.items,
        items: JSON.stringify(items.map((i) => ({ key: i.key, label: i.label, checked: false, note: null }))),
        comment: null,
        updated_at: now.toISOString(),
        version: Number(row.version) + 1,
      })
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}
