import { deadlineChain, deadlineScopeOf } from '../../domain/deadline-rules.js';
import type { DeadlineKind } from '../../domain/schemas/batches.js';
import type { Executor } from '../db/database.js';

/**
 * The deadline row in force for a step at an application's place (deadlineInForce's order: an
 * applicant's falls back to the province's city deadline); undefined when none is set.
 */
export async function deadlineInForceRow(
  db: Executor,
  batchId: string,
  kind: DeadlineKind,
  where: { cityId?: string | null; provinceId?: string | null },
) {
  for (const k of deadlineChain[kind]) {
    const scope = deadlineScopeOf(k, where);
    if (scope === undefined) continue;
    const row = await findDeadline(db, batchId, k, scope);
    if (row) return row;
  }
  return undefined;
}

/** The due date in force for a step (see deadlineInForceRow); null when the step is not time-bound. */
export async function effectiveDeadline(
  db: Executor,
  batchId: string,
  kind: DeadlineKind,
  where: { cityId?: string | null; provinceId?: string | null },
): Promise<Date | null> {
  const row = await deadlineInForceRow(db, batchId, kind, where);
  return row ? new Date(row.due_at) : null;
}

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
