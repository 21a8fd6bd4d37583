import type { FieldVisitSort } from '../../domain/schemas/experts.js';
import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

const ofApplication = (db: Executor, applicationId: string) =>
  db.selectFrom('field_visits').where('field_visits.application_id', '=', applicationId);

const VISIT_SORT_COLUMNS: Record<FieldVisitSort, readonly string[]> = {
  visitedOn: ['field_visits.visited_on', 'field_visits.created_at'],
  createdAt: ['field_visits.created_at'],
};

/** One page of an application's field visits (the latest visit first by default), with the total. */
export function listFieldVisitPage(db: Executor, applicationId: string, req: PageRequest<FieldVisitSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(
        ofApplication(db, applicationId)
          .leftJoin('users', 'users.id', 'field_visits.created_by')
          .selectAll('field_visits')
          .select('users.display_name as created_by_name'),
        req,
        VISIT_SORT_COLUMNS,
        ['field_visits.id'],
      )
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await ofApplication(db, applicationId).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}
export type FieldVisitRow = Awaited<ReturnType<typeof listFieldVisitPage>>['items'][number];

export const findFieldVisit = (db: Executor, id: string) =>
  db
    .selectFrom('field_visits')
    .leftJoin('users', 'users.id', 'field_visits.created_by')
    .selectAll('field_visits')
    .select('users.display_name as created_by_name')
    .where('field_visits.id', '=', id)
    .executeTakeFirst();

export const listPhotos = (db: Executor, visitIds: string[]) =>
  visitIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('field_visit_photos')
        .selectAll()
        .where('visit_id', 'in', visitIds)
        .where('deleted_at', 'is', null)
        .orderBy('uploaded_at')
        .orderBy('id')
        .execute();
export type PhotoRow = Awaited<ReturnType<typeof listPhotos>>[number];

export const findPhoto = (db: Executor, visitId: string, photoId: string) =>
  db
    .selectFrom('field_visit_photos')
    .selectAll()
    .where('visit_id', '=', visitId)
    .where('id', '=', photoId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const insertFieldVisit = (
  db: Executor,
  v: {
    id: string;
    applicationId: string;
    visitedOn: string;
    visitors: string;
    findings: string;
    userId: string;
    now: Date;
  },
) =>
  db
    .insertInto('field_visits')
    .values({
      id: v.id,
      application_id: v.applicationId,
      visited_on: v.visitedOn,
      visitors: v.visitors,
      findings: v.findings,
      created_by: v.userId,
      created_at: v.now.toISOString(),
      updated_by: v.userId,
      updated_at: v.now.toISOString(),
      version: 1,
    })
    .execute();

/** Changes a visit only if it is still at the version read; false otherwise. */
export async function updateFieldVisit(
  db: Executor,
  id: string,
  version: number,
  set: { visited_on?: string; visitors?: string; findings?: string; updated_by: string; updated_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('field_visits')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const insertPhoto = (
  db: Executor,
  p: {
    id: string;
    visitId: string;
    sha256: string;
    fileName: string;
    mime: string;
    size: number;
    userId: string;
    now: Date;
  },
) =>
  db
    .insertInto('field_visit_photos')
    .values({
      id: p.id,
      visit_id: p.visitId,
      sha256: p.sha256,
      file_name: p.fileName,
      mime: p.mime,
      size: p.size,
      uploaded_by: p.userId,
      uploaded_at: p.now.toISOString(),
      deleted_at: null,
    })
    .execute();

export const deletePhoto = (db: Executor, photoId: string, now: Date) =>
  db
    .updateTable('field_visit_photos')
    .set({ deleted_at: now.toISOString() })
    .where('id', '=', photoId)
    .where('deleted_at', 'is', null)
    .execute();

/** Field visits per application, for the ranking. */
export const countFieldVisits = (db: Executor, applicationIds: string[]) =>
  applicationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('field_visits')
        .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('application_id', 'in', applicationIds)
        .groupBy('application_id')
        .execute();
