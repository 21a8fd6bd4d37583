import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import {
  deadlineKindLabels,
  formatBeijing,
  type DeadlineKind,
  type ExtendDeadlineRequest,
} from '../../../domain/schemas/batches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanExtendDeadline } from '../../policies/batches.js';
import { findBatch } from '../../repositories/batches.js';
import { extendDeadline as writeExtension, findDeadlineById } from '../../repositories/deadlines.js';
import { assertFitsCascade, resolveScope } from './cascade.js';

/**
 * Whoever set a deadline extends it, with a reason: same organisation, a role that sets deadlines of
 * that kind, a later date, and still no later than the next step of the cascade. Audited; the
 * extension is kept with the deadline and shown with the batch.
 */
export async function extendDeadline(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  deadlineId: string;
  input: ExtendDeadlineRequest;
}) {
  const { db, ctx, deadlineId, input } = opts;
  const deadline = await findDeadlineById(db, deadlineId);
  if (!deadline) throw new AppError('not_found', '截止时间不存在');
  const kind = deadline.kind as DeadlineKind;
  assertCanExtendDeadline(ctx.actor, deadline);
  const batch = await findBatch(db, deadline.batch_id);
  if (batch?.status !== 'open') throw new AppError('invalid_transition', '批次已关闭，不能延期');
  const to = new Date(input.dueAt);
  if (to.getTime() <= new Date(deadline.due_at).getTime()) {
    const message = `延期后的时间应晚于当前截止时间（${formatBeijing(deadline.due_at)}，北京时间）`;
    throw new AppError('validation_failed', message, [{ path: 'dueAt', message }]);
  }
  const { provinceId } = await resolveScope(db, kind, deadline.scope_org_id);
  await assertFitsCascade(db, { batchId: deadline.batch_id, kind, provinceId, dueAt: to, now: ctx.now });

  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const ok = await writeExtension(trx, {
      id,
      deadlineId,
      fromDueAt: deadline.due_at,
      toDueAt: to.toISOString(),
      reason: input.reason,
      userId: ctx.actor.userId,
      orgId: ctx.actor.orgId,
      now: ctx.now,
    });
    // Someone extended it meanwhile: nothing is written, the client reloads and decides again.
    if (!ok) throw new AppError('version_conflict', `${deadlineKindLabels[kind]}已被他人修改，请刷新后再试`);
    await appendAudit(trx, ctx, {
      action: 'deadline.extend',
      target: { type: 'deadline', id: deadlineId },
      summary: {
        batchId: deadline.batch_id,
        kind,
        scopeOrgId: deadline.scope_org_id,
        from: deadline.due_at,
        to: to.toISOString(),
        reason: input.reason,
      },
    });
  });
  return { deadlineId, batchId: deadline.batch_id };
}
