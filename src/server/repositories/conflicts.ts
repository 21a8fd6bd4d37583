import type { ConflictSort } from '../../domain/schemas/integrity.js';
import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

/** Whether the user declared a conflict of interest (回避) with the unit. */
export async function hasConflict(db: Executor, userId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conflicts')
    .select('id')
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return !!row;
}

const withUnit = (db: Executor) =>
  db
    .selectFrom('conflicts')
    .innerJoin('orgs', 'orgs.id', 'conflicts.unit_id')
    .selectAll('conflicts')
    .select(['orgs.name as unit_name', 'orgs.uscc as unit_uscc']);

/** A user's declarations, optionally those whose unit name contains `q` or whose USCC is `q`. */
const mine = (db: Executor, userId: string, q?: string) =>
  db
    .selectFrom('conflicts')
    .innerJoin('orgs', 'orgs.id', 'conflicts.unit_id')
    .where('conflicts.user_id', '=', userId)
    .$if(!!q, (qb) =>
      qb.where((eb) => eb.or([eb('orgs.name', 'like', `%${q!}%`), eb('orgs.uscc', '=', q!.toUpperCase())])),
    );

const CONFLICT_SORT_COLUMNS: Record<ConflictSort, readonly string[]> = {
  declaredAt: ['conflicts.declared_at'],
  unitName: ['orgs.name'],
};

/** One page of a user's declarations, sorted by a whitelisted key (newest first by default), with the total. */
export function listConflictPage(db: Executor, userId: string, q: string | undefined, req: PageRequest<ConflictSort>) {
  return paginate(req, {
    rows: (limit, offset) =>
      orderBySort(
        mine(db, userId, q).selectAll('conflicts').select(['orgs.name as unit_name', 'orgs.uscc as unit_uscc']),
        req,
        CONFLICT_SORT_COLUMNS,
        ['conflicts.id'],
      )
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await mine(db, userId, q).select(countAll()).executeTakeFirstOrThrow()).n,
  });
}
export type ConflictRow = NonNullable<Awaited<ReturnType<typeof findConflict>>>;

export const findConflict = (db: Executor, id: string) =>
  withUnit(db).where('conflicts.id', '=', id).executeTakeFirst();

export const insertConflict = (
  db: Executor,
  c: { id: string; userId: string; unitId: string; reason: string; now: Date },
) =>
  db
    .insertInto('conflicts')
    .values({ id: c.id, user_id: c.userId, unit_id: c.unitId, reason: c.reason, declared_at: c.now.toISOString() })
    .execute();

export const deleteConflict = (db: Executor, id: string) => db.deleteFrom('conflicts').where('id', '=', id).execute();

/** An applicant unit by id or USCC. */
export const findApplicantUnit = (db: Executor, by: { unitId?: string; uscc?: string }) =>
  db
    .selectFrom('orgs')
    .selectAll()
    .where('kind', '=', 'applicant_unit')
    .$if(!!by.unitId, (q) => q.where('id', '=', by.unitId!))
    .$if(!by.unitId && !!by.uscc, (q) => q.where('uscc', '=', by.uscc!))
    .executeTakeFirst();
