import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { decideRegistration, findRegistration } from '../../repositories/registrations.js';
import { loadRegistrationForDecision } from './loadRegistrationForDecision.js';

/** The city reviewer refuses a unit's registration with a reason, which the unit sees when it tries to log in. */
export async function refuseRegistration(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  comment?: string;
}) {
  const { db, ctx, id } = opts;
  const reg = await loadRegistrationForDecision(db, ctx.actor, id);
  const comment = opts.comment?.trim();
  if (!comment)
    throw new AppError('validation_failed', '请填写驳回理由', [{ path: 'comment', message: '请填写驳回理由' }]);
  await db.transaction().execute(async (trx) => {
    const decided = await decideRegistration(trx, id, Number(reg.version), {
      status: 'refused',
      comment,
      decidedBy: ctx.actor.userId,
      now: ctx.now,
    });
    if (!decided) throw new AppError('invalid_transition', '该注册申请已被他人审核，不能重复审核');
    await appendAudit(trx, ctx, {
      action: 'registration.refuse',
      target: { type: 'registration', id },
      summary: { unitName: reg.unit_name, uscc: reg.uscc, username: reg.username, comment },
    });
  });
  return { registration: (await findRegistration(db, id))! };
}
