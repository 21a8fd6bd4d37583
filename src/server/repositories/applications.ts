import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';
import type { ApplicationTable } from '../db/schema.js';
import { DETAIL_COLUMNS, withNames } from './applicationColumns.js';
import { readSnapshot, withContent } from './content.js';
import { workingCopyJson } from './sections.js';

const applicationById = precompiled((db, p) =>
  withNames(db)
    .select(DETAIL_COLUMNS)
    .select(['batches.required_file_kinds', 'batches.status as batch_status'])
    .select(workingCopyJson(db, 'applications.id').as('content'))
    .where('applications.id', '=', p('id')),
);

/** One application with its unit, city and batch names and its working copy (compiled once). */
export const findApplication = async (db: Executor, id: string) => withContent((await applicationById(db, { id }))[0]);
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The batch's columns an edit is checked against, besides DETAIL_COLUMNS. */
const FOR_EDIT_BATCH_COLUMNS = ['batches.required_file_kinds', 'batches.status as batch_status'] as const;

/**
 * The application of `id` (a placeholder) with its names and the deadlines an applicant's save is
 * checked against, without its working copy: compiled once by applicationForEdit, and the
 * application half of sessionPreload.ts's statement.
 */
export const applicationForEditQuery = (db: Executor, id: string) =>
  withNames(db)
    .select(DETAIL_COLUMNS)
    .select(FOR_EDIT_BATCH_COLUMNS)
    .select((eb) => [
      eb
        .selectFrom('deadlines as d')
        .select('d.due_at')
        .whereRef('d.batch_id', '=', 'applications.batch_id')
        .where('d.kind', '=', 'applicant')
        .whereRef('d.scope_org_id', '=', 'applications.city_id')
        .limit(1)
        .as('applicant_due_at'),
      eb
        .selectFrom('deadlines as d')
        .select('d.due_at')
        .whereRef('d.batch_id', '=', 'applications.batch_id')
        .where('d.kind', '=', 'city')
        .whereRef('d.scope_org_id', '=', 'applications.province_id')
        .limit(1)
        .as('city_due_at'),
    ])
    .where('applications.id', '=', id);

/** The names of applicationForEditQuery's columns, as its rows have them. */
export const APPLICATION_FOR_EDIT_COLUMNS = [
  ...[...DETAIL_COLUMNS, ...FOR_EDIT_BATCH_COLUMNS].map((c) => c.split(' as ')[1] ?? c.slice(c.indexOf('.') + 1)),
  'applicant_due_at',
  'city_due_at',
] as const;

const applicationForEdit = precompiled((db, p) => applicationForEditQuery(db, p('id')));

/**
 * An application as findApplication gives it but without its working copy (a save writes the
 * sections it is given and reads none), with the deadlines an applicant's save is checked against,
 * in one query (an autosave's round trips, issue 7): the city's applicant deadline and the
 * province's city deadline, which applies when the city set none (effectiveDeadline's order).
 */
export const findApplicationForEdit = async (db: Executor, id: string) => (await applicationForEdit(db, { id }))[0];
export type ApplicationForEdit = NonNullable<Awaited<ReturnType<typeof findApplicationForEdit>>>;

export const findApplicationByBatchUnit = (db: Executor, batchId: string, unitId: string) =>
  db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('batch_id', '=', batchId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();

export const insertApplication = (db: Executor, row: Insertable<ApplicationTable>) =>
  db.insertInto('applications').values(row).execute();

export * from './draftSave.js';

// ---- timeline ----

/** The timeline: every event with the acting organisation's and person's names, oldest first. */
export const listEvents = (db: Executor, applicationId: string) =>
  db
    .selectFrom('application_events')
    .leftJoin('orgs', 'orgs.id', 'application_events.actor_org_id')
    .leftJoin('users', 'users.id', 'application_events.actor_id')
    .selectAll('application_events')
    .select(['orgs.name as actor_org_name', 'users.display_name as actor_display_name'])
    .where('application_events.application_id', '=', applicationId)
    .orderBy('application_events.seq')
    .orderBy('application_events.at')
    .orderBy('application_events.id')
    .execute();
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

// ---- snapshots and pledges ----

export async function findSnapshot(db: Executor, id: string) {
  const row = await db.selectFrom('application_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, content: readSnapshot(row.content, `snapshot ${row.id}`) };
}

export async function nextSnapshotSeq(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('application_snapshots')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

/** The pledge signed for a snapshot (the latest, should there be several). */
export const findPledgeForSnapshot = (db: Executor, snapshotId: string) =>
  db
    .selectFrom('pledges')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .orderBy('signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Numbers already given that start with the prefix (a batch year and a city). */
export const listNumbers = (db: Executor, prefix: string) =>
  db.selectFrom('applications').select('number').where('number', 'like', `${prefix}%`).execute();

// ---- files ----

const FILE_COLUMNS = [
  'id',
  'application_id',
  'kind',
  'sha256',
  'file_name',
  'mime',
  'size',
  'uploaded_by',
  'uploaded_at',
] as const;

/** The files still attached (not deleted), in upload order. */
export const listFiles = (db: Executor, applicationId: string) =>
  db
    .selectFrom('application_files')
    .select(FILE_COLUMNS)
    .where('application_id', '=', applicationId)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
export type FileRow = Awaited<ReturnType<typeof listFiles>>[number];

export const findFile = (db: Executor, applicationId: string, fileId: string) =>
  db
    .selectFrom('application_files')
    .select(FILE_COLUMNS)
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export async function countFiles(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('application_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- facts for guards ----

/** Whether the application is in a city or province dispatch that has been sent (or received). */
export async function inSentDispatch(db: Executor, applicationId: string): Promise<boolean> {
  // Only the current round counts: a dispatch that carried the application before its latest
  // recommendation (the correction path: correction_requested → recommended again) no longer holds it.
  // Sending a dispatch writes a dispatch_to_province event, so compare event order.
  const last = await db
    .selectFrom('application_events')
    .select(['action', 'seq'])
    .where('application_id', '=', applicationId)
    .where('action', 'in', ['recommend', 'dispatch_to_province'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.action === 'dispatch_to_province';
}

/** Paper copies registered for the application that are not known to belong elsewhere. */
export async function paperCopiesCount(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('paper_copies')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('application_id', '=', applicationId)
    .where((eb) => eb.or([eb('code_status', 'is', null), eb('code_status', '=', 'match')]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The batch fields that creating and submitting an application need. */
export const findBatchForApplication = (db: Executor, batchId: string) =>
  db
    .selectFrom('batches')
    .select(['id', 'name', 'year', 'status', 'required_file_kinds'])
    .where('id', '=', batchId)
    .executeTakeFirst();

export const insertEvent = (
  db: Executor,
  e: {
    id: string;
    applicationId: string;
    action: string;
    from: string | null;
    to: string;
    actorId: string | null;
    actorOrgId: string | null;
    role: string | null;
    comment: string | null;
    at: string;
    seq: number;
  },
) =>
  db
    .insertInto('application_events')
    .values({
      id: e.id,
      application_id: e.applicationId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      actor_org_id: e.actorOrgId,
      actor_role: e.role,
      comment: e.comment,
      at: e.at,
      seq: e.seq,
    })
    .execute();

export * from './applicationList.js';
