import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { deadlineKindLabels, formatBeijing, type SetDeadlineRequest } from '../../../domain/schemas/batches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanSetDeadline } from '../../policies/batches.js';
import { findBatch } from '../../repositories/batches.js';
import { findDeadline, insertDeadline } from '../../repositories/deadlines.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { assertFitsCascade, resolveScope } from './cascade.js';

/**
 * Sets one step of a batch's cascade for one scope. A deadline is set once; moving it later is an
 * extension (with a reason). Repeating the same request answers the deadline already set.
 */
export async function setDeadline(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  input: SetDeadlineRequest;
}) {
  const { db, ctx, batchId, input } = opts;
  const { kind, scopeOrgId, dueAt } = input;
  const batch = await findBatch(db, batchId);
  if (!batch) throw new AppError('not_found', '批次不存在');
  const { provinceId } = await resolveScope(db, kind, scopeOrgId);
  assertCanSetDeadline(ctx.actor, kind, scopeOrgId);
  if (batch.status !== 'open') throw new AppError('invalid_transition', '批次已关闭，不能设置截止时间');
  const existing = await findDeadline(db, batchId, kind, scopeOrgId);
  if (existing) {
    if (existing.due_at === dueAt) return { id: existing.id };
    throw new AppError(
      'conflict',
      `${deadlineKindLabels[kind]}已设置为 ${formatBeijing(existing.due_at)}（北京时间），如需推迟请办理延期并说明理由`,
    );
  }
  await assertFitsCascade(db, { batchId, kind, provinceId, dueAt: new Date(dueAt), now: ctx.now });

  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await insertDeadline(trx, {
        id,
        batchId,
        kind,
        scopeOrgId,
        dueAt,
        setByOrgId: ctx.actor.orgId,
        setByUserId: ctx.actor.userId,
        now: ctx.now,
      });
      await appendAudit(trx, ctx, {
        action: 'deadline.set',
        target: { type: 'deadline', id },
        summary: { batchId, kind, scopeOrgId, dueAt },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', `${deadlineKindLabels[kind]}已由他人同时设置，请刷新后查看`);
    throw err;
  }
  return { id };
}
