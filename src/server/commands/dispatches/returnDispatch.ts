import { AppError } from '../../../domain/errors.js';
import type { DispatchActionRequest } from '../../../domain/schemas/dispatches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyDispatchReturned } from '../../notifications/dispatches.js';

import { moveDispatch, openDispatchAction } from './dispatchFacts.js';

/**
 * The approver (city approver, province 分管领导) sends a package waiting for signature back to its
 * builder with a reason, instead of signing it; the builder edits it, which puts it back to signature.
 * The applications do not move.
 */
export async function returnDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DispatchActionRequest;
}) {
  const { db, ctx, id, input } = opts;
  const { d, transition, role } = await openDispatchAction(db, ctx, id, 'return');
  const comment = input.comment?.trim() ?? '';
  if (!comment)
    throw new AppError('validation_failed', '请填写退回理由', [{ path: 'comment', message: '请填写退回理由' }]);
  if (input.version !== undefined && input.version !== d.version) throw new AppError('version_conflict');
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await moveDispatch(trx, d, transition.to, {
      return_comment: comment,
      returned_by: ctx.actor.userId,
      returned_at: at,
      updated_at: at,
    });
    await appendAudit(trx, ctx, {
      action: 'dispatch.return',
      role,
      target: { type: 'dispatch', id },
      summary: { level: d.level, batchId: d.batch_id, comment },
    });
    await notifyDispatchReturned(trx, ctx.now, d, comment);
  });
  return { id };
}
