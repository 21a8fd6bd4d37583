import type { PendingDecisionFilter, PendingDecisionSort, PublicationSort } from '../../domain/schemas/publications.js';
import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

/** Decisions of the batch (filed, not_filed) that no publication covers yet, under the preview's filters. */
const unpublished = (db: Executor, batchId: string, f: PendingDecisionFilter = {}) => {
  const q = f.q?.trim();
  return db
    .selectFrom('applications as a')
    .innerJoin('orgs as u', 'u.id', 'a.unit_id')
    .innerJoin('orgs as p', 'p.id', 'a.province_id')
    .leftJoin('publication_items as pi', 'pi.application_id', 'a.id')
    .where('a.batch_id', '=', batchId)
    .where('a.status', 'in', f.decision ? [f.decision] : ['filed', 'not_filed'])
    .where('pi.application_id', 'is', null)
    .$if(!!f.provinceId, (qb) => qb.where('a.province_id', '=', f.provinceId!))
    .$if(!!q, (qb) =>
      qb.where((eb) =>
        eb.or([eb('a.space_name', 'like', `%${q}%`), eb('u.name', 'like', `%${q}%`), eb('a.number', '=', q!)]),
      ),
    );
};

const DECISION_COLUMNS = [
  'a.id',
  'a.number',
  'a.space_name',
  'a.status',
  'u.name as unit_name',
  'p.name as province_name',
] as const;

/** Every decision the next publication publishes, by province in official order (the act itself). */
export const unpublishedDecisions = (db: Executor, batchId: string) =>
  unpublished(db, batchId)
    .select(DECISION_COLUMNS)
    .orderBy('p.sort_order')
    .orderBy('a.number')
    .orderBy('a.id')
    .execute();

const PENDING_SORT_COLUMNS: Record<PendingDecisionSort, readonly string[]> = {
  province: ['p.sort_order', 'a.number'],
  number: ['a.number'],
  spaceName: ['a.space_name'],
  decision: ['a.status', 'p.sort_order'],
};

/** One page of the preview (the decisions not yet published), sorted by a whitelisted key, with the total. */
export function listUnpublishedDecisionPage(
  db: Executor,
  batchId: string,
  f: PendingDecisionFilter,
  req: PageRequest<PendingDecisionSort>,
) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(unpublished(db, batchId, f).select(DECISION_COLUMNS), req, PENDING_SORT_COLUMNS, ['a.id'])
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await unpublished(db, batchId, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

/** How many decisions the next publication would publish. */
export const countUnpublishedDecisions = async (db: Executor, batchId: string) =>
  Number((await unpublished(db, batchId).select(countAll()).executeTakeFirstOrThrow()).n);

const PUBLICATION_SORT_COLUMNS: Record<PublicationSort, readonly string[]> = {
  createdAt: ['created_at'],
  publishedOn: ['published_on'],
  documentNo: ['document_no'],
};

/** One page of the batch's publications (oldest first by default), with the total. */
export function listPublicationPage(db: Executor, batchId: string, req: PageRequest<PublicationSort>) {
  const all = () => db.selectFrom('publications').where('batch_id', '=', batchId);
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(all().selectAll(), req, PUBLICATION_SORT_COLUMNS, ['id']).limit(limit).offset(offset).execute(),
    count: async () => (await all().select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

/** Whether a decision is published (the applicant sees its result only then). */
export async function isPublished(db: Executor, applicationId: string): Promise<boolean> {
  const r = await db
    .selectFrom('publication_items')
    .select('application_id')
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return !!r;
}
