import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { DeclareConflictRequest } from '../../../domain/schemas/integrity.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertMayDeclareConflicts } from '../../policies/integrity.js';
import { findApplicantUnit, findConflict, hasConflict, insertConflict } from '../../repositories/conflicts.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';

const ALREADY = '您已申报与该单位回避';

/** A reviewer, officer or expert declares a conflict of interest (回避) with an applicant unit. */
export async function declareConflict(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: DeclareConflictRequest;
}) {
  const { db, ctx, input } = opts;
  assertMayDeclareConflicts(ctx.actor);
  const unit = await findApplicantUnit(db, { unitId: input.unitId, uscc: input.uscc });
  if (!unit) {
    const path = input.unitId ? 'unitId' : 'uscc';
    const message = input.unitId ? '申报单位不存在' : '未找到该统一社会信用代码对应的申报单位';
    throw new AppError('validation_failed', message, [{ path, message }]);
  }
  if (await hasConflict(db, ctx.actor.userId, unit.id)) throw new AppError('conflict', ALREADY);
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await insertConflict(trx, { id, userId: ctx.actor.userId, unitId: unit.id, reason: input.reason, now: ctx.now });
      await appendAudit(trx, ctx, {
        action: 'conflict.declare',
        target: { type: 'conflict', id },
        summary: { unitId: unit.id, unitName: unit.name, uscc: unit.uscc, reason: input.reason },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', ALREADY);
    throw err;
  }
  return (await findConflict(db, id))!;
}
