import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { deleteConflict, findConflict } from '../../repositories/conflicts.js';

/** Withdraws one's own declaration of conflict; the audit log keeps that it existed. Others' answer 404. */
export async function withdrawConflict(opts: { db: Db; ctx: RequestContext & { actor: Actor }; id: string }) {
  const { db, ctx } = opts;
  const conflict = await findConflict(db, opts.id);
  if (!conflict || conflict.user_id !== ctx.actor.userId) throw new AppError('not_found', '回避记录不存在');
  await db.transaction().execute(async (trx) => {
    await deleteConflict(trx, conflict.id);
    await appendAudit(trx, ctx, {
      action: 'conflict.withdraw',
      target: { type: 'conflict', id: conflict.id },
      summary: { unitId: conflict.unit_id, unitName: conflict.unit_name, reason: conflict.reason },
    });
  });
}
