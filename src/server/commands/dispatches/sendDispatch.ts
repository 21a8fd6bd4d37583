import { AppError } from '../../../domain/errors.js';
import type { DispatchActionRequest } from '../../../domain/schemas/dispatches.js';
import {
  dispatchSendEffect,
  findTransition,
  statusLabels,
  type ApplicationStatus,
  type DispatchLevel,
} from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyDispatchSent } from '../../notifications/dispatches.js';

import { applyTransition } from '../applications/applyTransition.js';
import { outdateStalePaperCopies } from '../paperCopies/outdateStalePaperCopies.js';
import { moveDispatch, openDispatchAction } from './dispatchFacts.js';

/**
 * Sends a draft dispatch: a city approver other than its creator signs the attachment-5 pledge and
 * sends the city's package to the province (recommended → dispatched_to_province), or the province
 * approver (分管领导) signs the province's pledge and sends the list the province officer built to the
 * Ministry (province_recommended → dispatched_to_ministry).
 * Refused after the deadline in force. Everything or nothing: if any application has moved on, the
 * whole send fails. An application sent again after a correction has its earlier paper copies checked
 * against the submission now current (outdateStalePaperCopies).
 */
export async function sendDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DispatchActionRequest;
}) {
  const { db, ctx, id, input } = opts;
  const { d, items, transition, role } = await openDispatchAction(db, ctx, id, 'send');
  if (input.version !== undefined && input.version !== d.version) throw new AppError('version_conflict');
  const level = d.level as DispatchLevel;
  // Both levels sign the supervising department's pledge (attachment 5): the city for its package,
  // the province (its 分管领导) for its list to the Ministry.
  if (!input.pledge)
    throw new AppError('validation_failed', '请签署主管部门信用承诺书（附件5）', [
      { path: 'pledge', message: '请填写签字人姓名并勾选同意主管部门信用承诺书（附件5）' },
    ]);
  const effect = dispatchSendEffect[level];
  const moved = items.filter((i) => i.status !== effect.from);
  if (moved.length > 0)
    throw new AppError(
      'invalid_transition',
      `报送批中${moved
        .map((i) => `「${i.space_name ?? i.unit_name}」当前为“${statusLabels[i.status as ApplicationStatus]}”`)
        .join('、')}，不是“${statusLabels[effect.from]}”，不能报送；请先调整报送批`,
    );
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await moveDispatch(trx, d, transition.to, {
      sent_by: ctx.actor.userId,
      sent_at: at,
      pledge_signer_name: input.pledge?.signerName ?? null,
      send_opinion: input.opinion || null,
      updated_at: at,
    });
    let outdatedPaperCopies = 0;
    for (const item of items) {
      await applyTransition(trx, ctx, {
        app: item,
        transition: findTransition(effect.from, effect.action)!,
        role,
        // The approver's opinion at 报送 goes on each application's record (审核记录, 审核意见表).
        comment: input.opinion || null,
        summary: { dispatchId: id },
      });
      if (level === 'city') outdatedPaperCopies += await outdateStalePaperCopies(trx, item.id);
    }
    await appendAudit(trx, ctx, {
      action: 'dispatch.send',
      role,
      target: { type: 'dispatch', id },
      summary: {
        level,
        batchId: d.batch_id,
        supplementary: d.supplementary === 1,
        applicationIds: items.map((i) => i.id),
        ...(input.pledge ? { pledgeSigner: input.pledge.signerName } : {}),
        ...(input.opinion ? { opinion: input.opinion } : {}),
        ...(outdatedPaperCopies > 0 ? { outdatedPaperCopies } : {}),
      },
    });
    await notifyDispatchSent(trx, ctx.now, d, items.length);
  });
  return { id };
}
