import { AppError } from '../../../domain/errors.js';
import type { DispatchActionRequest } from '../../../domain/schemas/dispatches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyDispatchReceived } from '../../notifications/dispatches.js';

import { moveDispatch, openDispatchAction } from './dispatchFacts.js';

/** The acceptance centre (city dispatches) or the Ministry (province dispatches) marks a sent dispatch received. */
export async function receiveDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DispatchActionRequest;
}) {
  const { db, ctx, id, input } = opts;
  const { d, items, transition, role } = await openDispatchAction(db, ctx, id, 'receive');
  if (input.version !== undefined && input.version !== d.version) throw new AppError('version_conflict');
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await moveDispatch(trx, d, transition.to, {
      received_by: ctx.actor.userId,
      received_at: at,
      updated_at: at,
    });
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
