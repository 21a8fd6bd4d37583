import type { RequestContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { DispatchFacts } from '../../policies/dispatches.js';
import { conflictedUnits, type DispatchItemRow, type DispatchRow } from '../../repositories/dispatches.js';
import { effectiveDeadline } from '../../repositories/deadlines.js';

/** The deadline for sending (city → province, or province → Ministry) and the actor's conflicts among the units. */
export async function dispatchFacts(
  db: Executor,
  ctx: RequestContext,
  d: DispatchRow,
  items: DispatchItemRow[],
): Promise<DispatchFacts> {
  const deadline = await effectiveDeadline(db, d.batch_id, d.level === 'city' ? 'city' : 'province', {
    provinceId: d.province_id,
  });
  const conflicted = ctx.actor
    ? (await conflictedUnits(db, ctx.actor.userId, [...new Set(items.map((i) => i.unit_id))])).map((u) => u.name)
    : [];
  return { deadline, now: ctx.now, conflictedUnits: conflicted };
}
