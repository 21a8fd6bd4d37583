import type { Updateable } from 'kysely';
import { AppError } from '../../../domain/errors.js';
import type { Role } from '../../../domain/roles.js';
import type { DispatchAction, DispatchTransition } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import type { DispatchTable } from '../../db/schema.js';
import { authorizeDispatchAction, type DispatchFacts } from '../../policies/dispatches.js';
import {
  conflictedUnits,
  findDispatch,
  findDispatchItems,
  type DispatchItemRow,
  type DispatchRow,
} from '../../repositories/dispatches.js';
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

/**
 * The shared opening of an action on a dispatch (send, receive, return): load it (404), its items,
 * and ask the policy, which answers the transition and the role the actor acts in.
 */
export async function openDispatchAction(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  id: string,
  action: DispatchAction,
): Promise<{ d: DispatchRow; items: DispatchItemRow[]; transition: DispatchTransition; role: Role }> {
  const d = await findDispatch(db, id);
  if (!d) throw new AppError('not_found');
  const items = await findDispatchItems(db, id);
  const { transition, role } = authorizeDispatchAction(ctx.actor, d, action, await dispatchFacts(db, ctx, d, items));
  return { d, items, transition, role };
}

/**
 * Moves a dispatch to its next status with the columns the action sets: a status- and version-guarded
 * update, so a repeated or concurrent action finds the state changed (409) and acts once.
 */
export async function moveDispatch(
  trx: Executor,
  d: DispatchRow,
  to: string,
  set: Omit<Updateable<DispatchTable>, 'status' | 'version'>,
): Promise<void> {
  const res = await trx
    .updateTable('dispatches')
    .set({ ...set, status: to, version: d.version + 1 })
    .where('id', '=', d.id)
    .where('status', '=', d.status)
    .where('version', '=', d.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict');
}
