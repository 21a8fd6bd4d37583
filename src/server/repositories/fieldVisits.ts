import type { Executor } from '../db/database.js';

export const listFieldVisits = (db: Executor, applicationId: string) =>
  db
    .selectFrom('field_visits')
    .leftJoin('users', 'users.id', 'field_visits.created_by')
    .selectAll('field_visits')
    .select('users.display_name as created_by_name')
    .where('field_visits.application_id', '=', applicationId)
    .orderBy('field_visits.visited_on', 'desc')
    .orderBy('field_visits.created_at', 'desc')
    .orderBy('field_visits.id')
    .execute();
export type FieldVisitRow = Awaited<ReturnType<typeof listFieldVisits>>[number];

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
