import { AppError } from '../../../domain/errors.js';
import type { DispatchActionRequest } from '../../../domain/schemas/dispatches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyDispatchReceived } from '../../notifications/dispatches.js';
import { authorizeDispatchAction } from '../../policies/dispatches.js';
import { findDispatch, findDispatchItems } from '../../repositories/dispatches.js';
import { dispatchFacts } from './dispatchFacts.js';

/** The acceptance centre (city dispatches) or the Ministry (province dispatches) marks a sent dispatch received. */
export async function receiveDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DispatchActionRequest;
}) {
  const { db, ctx, id, input } = opts;
  const d = await findDispatch(db, id);
  if (!d) throw new AppError('not_found');
  const items = await findDispatchItems(db, id);
  const { transition, role } = authorizeDispatchAction(ctx.actor, d, 'receive', await dispatchFacts(db, ctx, d, items));
  if (input.version !== undefined && input.version !== d.version) throw new AppError('version_conflict');
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('dispatches')
      .set({
        status: transition.to,
        received_by: ctx.actor.userId,
        received_at: at,
        updated_at: at,
        version: d.version + 1,
      })
      .where('id', '=', id)
      .where('status', '=', d.status)
      .where('version', '=', d.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict');
    await appendAudit(trx, ctx, {
      action: 'dispatch.receive',
      role,
      target: { type: 'dispatch', id },
      summary: { level: d.level, batchId: d.batch_id, items: items.length },
    });
    await notifyDispatchReceived(trx, ctx.now, d, items.length, ctx.actor.orgId);
  });
  return { id };
}
