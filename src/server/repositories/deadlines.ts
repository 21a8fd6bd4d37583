import type { Executor } from '../db/database.js';

export type DeadlineKind = 'applicant' | 'city' | 'province';

/**
 * The deadline in force for a step of the cascade:
 * - applicant: the city's own applicant deadline, else the province's city → province deadline;
 * - city: the province's city → province deadline;
 * - province: the batch's national province → Ministry deadline.
 * Returns null when none is set (the step is then not time-bound).
 */
export async function effectiveDeadline(
  db: Executor,
  batchId: string,
  kind: DeadlineKind,
  where: { cityId?: string | null; provinceId?: string | null },
): Promise<Date | null> {
  const find = (k: DeadlineKind, scope: string | null) =>
    db
      .selectFrom('deadlines')
      .select('due_at')
      .where('batch_id', '=', batchId)
      .where('kind', '=', k)
      .$if(scope === null, (q) => q.where('scope_org_id', 'is', null))
      .$if(scope !== null, (q) => q.where('scope_org_id', '=', scope!))
      .executeTakeFirst();
  if (kind === 'applicant' && where.cityId) {
    const own = await find('applicant', where.cityId);
    if (own) return new Date(own.due_at);
    return effectiveDeadline(db, batchId, 'city', where);
  }
  if (kind === 'city' && where.provinceId) {
    const row = await find('city', where.provinceId);
    return row ? new Date(row.due_at) : null;
  }
  if (kind === 'province') {
    const row = await find('province', null);
    return row ? new Date(row.due_at) : null;
  }
  return null;
}

/** True while the deadline has not passed (the deadline minute itself still counts as in time). */
export const inTime = (deadline: Date | null, now: Date): boolean => !deadline || now.getTime() <= deadline.getTime();

export const findDeadlineById = (db: Executor, id: string) =>
  db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirst();

/** The deadline of one step for one scope (null scope: the national province → Ministry deadline). */
export const findDeadline = (db: Executor, batchId: string, kind: DeadlineKind, scopeOrgId: string | null) =>
  db
    .selectFrom('deadlines')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('kind', '=', kind)
    .$if(scopeOrgId === null, (q) => q.where('scope_org_id', 'is', null))
    .$if(scopeOrgId !== null, (q) => q.where('scope_org_id', '=', scopeOrgId!))
    .executeTakeFirst();

/**
 * The latest due date among deadlines of the given kinds in a batch, optionally only those whose
 * scope org lies in a province (for applicant deadlines: the cities of that province).
 */
export async function latestDueAt(
  db: Executor,
  batchId: string,
  kinds: DeadlineKind[],
  inProvinceId?: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('deadlines')
    .leftJoin('orgs', 'orgs.id', 'deadlines.scope_org_id')
    .select((eb) => eb.fn.max('deadlines.due_at').as('due_at'))
    .where('deadlines.batch_id', '=', batchId)
    .where('deadlines.kind', 'in', kinds)
    .$if(!!inProvinceId, (q) => q.where('orgs.province_id', '=', inProvinceId!))
    .executeTakeFirst();
  return row?.due_at ? new Date(row.due_at) : null;
}

export interface NewDeadline {
  id: string;
  batchId: string;
  kind: DeadlineKind;
  scopeOrgId: string | null;
  dueAt: string;
  setByOrgId: string;
  setByUserId: string | null;
  now: Date;
}

export async function insertDeadline(db: Executor, d: NewDeadline): Promise<void> {
  const at = d.now.toISOString();
  await db
    .insertInto('deadlines')
    .values({
      id: d.id,
      batch_id: d.batchId,
      kind: d.kind,
      scope_org_id: d.scopeOrgId,
      due_at: d.dueAt,
      original_due_at: d.dueAt,
      set_by_org_id: d.setByOrgId,
      set_by_user_id: d.setByUserId,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * Moves a deadline to a later date only if it still has the date it was read with (else nothing
 * changes and false is returned), and records the extension.
 */
export async function extendDeadline(
  db: Executor,
  e: {
    id: string;
    deadlineId: string;
    fromDueAt: string;
    toDueAt: string;
    reason: string;
    userId: string;
    orgId: string;
    now: Date;
  },
): Promise<boolean> {
  const at = e.now.toISOString();
  const res = await db
    .updateTable('deadlines')
    .set({ due_at: e.toDueAt, updated_at: at })
    .where('id', '=', e.deadlineId)
    .where('due_at', '=', e.fromDueAt)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('deadline_extensions')
    .values({
      id: e.id,
      deadline_id: e.deadlineId,
      from_due_at: e.fromDueAt,
      to_due_at: e.toDueAt,
      reason: e.reason,
      user_id: e.userId,
      org_id: e.orgId,
      at,
    })
    .execute();
  return true;
}

/** Every deadline of the given batches with the names of their scope and setter orgs. */
export const listDeadlines = (db: Executor, batchIds: string[]) =>
  batchIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deadlines')
        .leftJoin('orgs as scope', 'scope.id', 'deadlines.scope_org_id')
        .leftJoin('orgs as setter', 'setter.id', 'deadlines.set_by_org_id')
        .selectAll('deadlines')
        .select(['scope.name as scope_org_name', 'scope.sort_order as scope_sort', 'setter.name as set_by_org_name'])
        .where('deadlines.batch_id', 'in', batchIds)
        .execute();

/** The extensions of the given deadlines, oldest first, with the extending org's name. */
export const listExtensions = (db: Executor, deadlineIds: string[]) =>
  deadlineIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deadline_extensions')
        .leftJoin('orgs', 'orgs.id', 'deadline_extensions.org_id')
        .selectAll('deadline_extensions')
        .select('orgs.name as org_name')
        .where('deadline_extensions.deadline_id', 'in', deadlineIds)
        .orderBy('deadline_extensions.at')
        .orderBy('deadline_extensions.id')
        .execute();
