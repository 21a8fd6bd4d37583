import type { Executor } from '../db/database.js';

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

/** A user's declarations, newest first. */
export const listConflicts = (db: Executor, userId: string) =>
  withUnit(db).where('conflicts.user_id', '=', userId).orderBy('conflicts.declared_at', 'desc').execute();
export type ConflictRow = Awaited<ReturnType<typeof listConflicts>>[number];

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
