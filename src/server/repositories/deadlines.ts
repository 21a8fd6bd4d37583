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
