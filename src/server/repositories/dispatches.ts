import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';
import type { DispatchSort } from '../../domain/schemas/dispatches.js';
import type { DispatchScopeClause } from '../policies/dispatches.js';

/** A dispatch with the names of the organisations involved. */
export async function findDispatch(db: Executor, id: string) {
  return db
    .selectFrom('dispatches as d')
    .innerJoin('orgs as f', 'f.id', 'd.from_org_id')
    .leftJoin('users as cu', 'cu.id', 'd.created_by')
    .leftJoin('orgs as co', 'co.id', 'cu.org_id')
    .leftJoin('users as su', 'su.id', 'd.sent_by')
    .leftJoin('orgs as so', 'so.id', 'su.org_id')
    .leftJoin('users as ru', 'ru.id', 'd.received_by')
    .leftJoin('orgs as ro', 'ro.id', 'ru.org_id')
    .leftJoin('users as rbu', 'rbu.id', 'd.returned_by')
    .selectAll('d')
    .select([
      'f.name as from_org_name',
      'co.id as created_by_org_id',
      'co.name as created_by_org_name',
      'so.id as sent_by_org_id',
      'so.name as sent_by_org_name',
      'ro.id as received_by_org_id',
      'ro.name as received_by_org_name',
      'rbu.display_name as returned_by_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}
export type DispatchRow = NonNullable<Awaited<ReturnType<typeof findDispatch>>>;

export interface DispatchFilter {
  scope: DispatchScopeClause[];
  level?: string;
  status?: string;
  batchId?: string;
  provinceId?: string;
}

function listQuery(db: Executor, f: DispatchFilter) {
  return db
    .selectFrom('dispatches as d')
    .where((eb) =>
      eb.or(
        f.scope.map((c) =>
          eb.and([
            eb('d.level', '=', c.level),
            ...(c.fromOrgId ? [eb('d.from_org_id', '=', c.fromOrgId)] : []),
            ...(c.provinceId ? [eb('d.province_id', '=', c.provinceId)] : []),
            ...(c.statuses ? [eb('d.status', 'in', c.statuses)] : []),
          ]),
        ),
      ),
    )
    .$if(!!f.level, (q) => q.where('d.level', '=', f.level!))
    .$if(!!f.status, (q) => q.where('d.status', '=', f.status!))
    .$if(!!f.batchId, (q) => q.where('d.batch_id', '=', f.batchId!))
    .$if(!!f.provinceId, (q) => q.where('d.province_id', '=', f.provinceId!));
}

const SORT_COLUMNS: Record<DispatchSort, readonly string[]> = {
  createdAt: ['d.created_at'],
  sentAt: ['d.sent_at'],
  status: ['d.status'],
};

/** One page of the dispatches in the actor's scope (by default newest first), with their item counts. */
export async function listDispatches(db: Executor, f: DispatchFilter, req: PageRequest<DispatchSort>) {
  if (f.scope.length === 0)
    return { items: [], total: 0, page: req.page, pageSize: req.limit ?? req.pageSize, nextCursor: null };
  const rows = (limit: number, offset: number) =>
    orderBySort(
      listQuery(db, f)
        .innerJoin('orgs as f', 'f.id', 'd.from_org_id')
        .selectAll('d')
        .select('f.name as from_org_name')
        .select((eb) =>
          eb
            .selectFrom('dispatch_items as i')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('i.dispatch_id', '=', 'd.id')
            .as('item_count'),
        ),
      req,
      SORT_COLUMNS,
      ['d.id'],
    )
      .limit(limit)
      .offset(offset)
      .execute();
  return paginate(req, {
    rows,
    count: async () => (await listQuery(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}

/** The applications of a dispatch in rank order, with their unit names. */
export function findDispatchItems(db: Executor, dispatchId: string) {
  return db
    .selectFrom('dispatch_items as i')
    .innerJoin('applications as a', 'a.id', 'i.application_id')
    .innerJoin('orgs as u', 'u.id', 'a.unit_id')
    .select([
      'i.rank',
      'a.id',
      'a.status',
      'a.version',
      'a.number',
      'a.space_name',
      'a.unit_id',
      'a.batch_id',
      'u.name as unit_name',
    ])
    .where('i.dispatch_id', '=', dispatchId)
    .orderBy('i.rank')
    .execute();
}
export type DispatchItemRow = Awaited<ReturnType<typeof findDispatchItems>>[number];

/** Applications by id, with what choosing them for a dispatch needs to know. */
export function findApplicationsForDispatch(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('applications as a')
    .innerJoin('orgs as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.batch_id',
      'a.unit_id',
      'a.city_id',
      'a.province_id',
      'a.status',
      'a.version',
      'a.number',
      'a.space_name',
      'u.name as unit_name',
    ])
    .where('a.id', 'in', ids)
    .execute();
}

/** Of these applications, those already in a draft dispatch of the level (other than `except`). */
export async function applicationsInDraftDispatch(
  db: Executor,
  ids: string[],
  level: string,
  except?: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('dispatch_items as i')
    .innerJoin('dispatches as d', 'd.id', 'i.dispatch_id')
    .select('i.application_id')
    .where('i.application_id', 'in', ids)
    .where('d.level', '=', level)
    .where('d.status', 'in', ['draft', 'returned'])
    .$if(!!except, (q) => q.where('d.id', '<>', except!))
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

/** Whether the organisation already sent a dispatch of this level in the batch (a new one is then supplementary). */
export async function hasSentDispatch(
  db: Executor,
  batchId: string,
  level: string,
  fromOrgId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('dispatches')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('level', '=', level)
    .where('from_org_id', '=', fromOrgId)
    .where('status', 'in', ['sent', 'received'])
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The units among these that the user declared a conflict of interest with (回避). */
export async function conflictedUnits(
  db: Executor,
  userId: string,
  unitIds: string[],
): Promise<{ id: string; name: string }[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('conflicts as c')
    .innerJoin('orgs as u', 'u.id', 'c.unit_id')
    .select(['u.id', 'u.name'])
    .where('c.user_id', '=', userId)
    .where('c.unit_id', 'in', unitIds)
    .execute();
}

/** Writes the items of a dispatch in rank order (1 = first), replacing any there were. */
export async function replaceDispatchItems(db: Executor, dispatchId: string, applicationIds: string[]): Promise<void> {
  await db.deleteFrom('dispatch_items').where('dispatch_id', '=', dispatchId).execute();
  if (applicationIds.length === 0) return;
  await db
    .insertInto('dispatch_items')
    .values(applicationIds.map((application_id, i) => ({ dispatch_id: dispatchId, application_id, rank: i + 1 })))
    .execute();
}

// ---- Paper copies ----

/** The application columns that registering paper copies needs. */
export function findApplicationRef(db: Executor, id: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'unit_id', 'city_id', 'province_id', 'status', 'current_snapshot_id', 'number', 'space_name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether the application sits in a city dispatch that has been sent (or received). */
export async function inSentCityDispatch(db: Executor, applicationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dispatch_items as i')
    .innerJoin('dispatches as d', 'd.id', 'i.dispatch_id')
    .select('d.id')
    .where('i.application_id', '=', applicationId)
    .where('d.level', '=', 'city')
    .where('d.status', 'in', ['sent', 'received'])
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Snapshots whose SHA-256 begins with the verification code. */
export function findSnapshotsByCode(db: Executor, code: string) {
  return db
    .selectFrom('application_snapshots as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .select(['s.id', 's.application_id', 's.seq', 's.sha256', 'a.number', 'a.province_id'])
    .where('s.sha256', 'like', `${code}%`)
    .execute();
}

export function listPaperCopies(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('paper_copies')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('registered_at')
    .orderBy('id')
    .execute();
}
export type PaperCopyRow = Awaited<ReturnType<typeof listPaperCopies>>[number];
