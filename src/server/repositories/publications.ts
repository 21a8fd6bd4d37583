import type { Executor } from '../db/database.js';

/** Decisions of the batch (filed, not_filed) that no publication covers yet. */
export const unpublishedDecisions = (db: Executor, batchId: string) =>
  db
    .selectFrom('applications as a')
    .innerJoin('orgs as u', 'u.id', 'a.unit_id')
    .innerJoin('orgs as p', 'p.id', 'a.province_id')
    .leftJoin('publication_items as pi', 'pi.application_id', 'a.id')
    .select(['a.id', 'a.number', 'a.space_name', 'a.status', 'u.name as unit_name', 'p.name as province_name'])
    .where('a.batch_id', '=', batchId)
    .where('a.status', 'in', ['filed', 'not_filed'])
    .where('pi.application_id', 'is', null)
    .orderBy('p.sort_order')
    .orderBy('a.number')
    .orderBy('a.id')
    .execute();

export const listPublications = (db: Executor, batchId: string) =>
  db
    .selectFrom('publications')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Whether a decision is published (the applicant sees its result only then). */
export async function isPublished(db: Executor, applicationId: string): Promise<boolean> {
  const r = await db
    .selectFrom('publication_items')
    .select('application_id')
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return !!r;
}
