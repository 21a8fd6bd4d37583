import { AppError } from '../../../domain/errors.js';
import type { ExpertFieldsRequest, ScoreDraftRequest, SetDueRequest } from '../../../domain/schemas/experts.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertMaySetOwnExpertFields, assignmentActions, authorizeAssignmentChange } from '../../policies/experts.js';
import { setExpertFields } from '../../repositories/expertAssignments.js';
import { loadReviewConfig } from '../review/loadReviewConfig.js';
import { loadVisibleAssignment } from './assignments.js';
import { changeOpenAssignment, checkScores, loadOwnOpenAssignment } from './scoring.js';

type Ctx = RequestContext & { actor: Actor };

/**
 * The expert declares, for this assignment, no conflict of interest with the applicant unit (the
 * text of NO_CONFLICT_DECLARATION); scoring waits for it. Declaring again is harmless.
 */
export async function declareNoConflict(opts: { db: Db; ctx: Ctx; id: string }) {
  const { db, ctx } = opts;
  const row = await loadOwnOpenAssignment(db, ctx.actor, opts.id, '作出无利害关系声明');
  if (row.declared_at) return;
  if (!assignmentActions(ctx.actor, row).includes('declare'))
    throw new AppError('invalid_transition', '该申报已不在专家评审阶段');
  const at = ctx.now.toISOString();
  await changeOpenAssignment({
    db,
    ctx,
    row,
    set: { status: 'assigned', declared_at: at, updated_at: at },
    audit: {
      action: 'expert.declare',
      role: 'expert',
      summary: { assignmentId: row.id, unitId: row.app_unit_id, unitName: row.unit_name },
    },
  });
}

/**
 * The expert saves the scores as far as given, and the comment, as a draft: each score is checked
 * against its criterion's weight as on submission (above it → 422), nothing else is required.
 */
export async function saveScoreDraft(opts: { db: Db; ctx: Ctx; id: string; input: ScoreDraftRequest }) {
  const { db, ctx, input } = opts;
  const row = await loadOwnOpenAssignment(db, ctx.actor, opts.id, '暂存评分');
  if (!assignmentActions(ctx.actor, row).includes('save_draft')) {
    if (!row.declared_at) throw new AppError('invalid_transition', '请先声明与申报单位无利害关系，再评分');
    throw new AppError('invalid_transition', '该申报已不在专家评审阶段，不能评分');
  }
  const { criteria } = await loadReviewConfig(db, row.batch_id, row.province_id);
  const { details } = checkScores(criteria, input.scores);
  if (details.length) throw new AppError('validation_failed', '评分超出范围，请检查后再暂存', details);
  const at = ctx.now.toISOString();
  await changeOpenAssignment({
    db,
    ctx,
    row,
    set: {
      status: 'assigned',
      draft_scores: JSON.stringify(input.scores),
      draft_comment: input.comment,
      draft_saved_at: at,
      updated_at: at,
    },
    audit: {
      action: 'expert.save_draft',
      role: 'expert',
      summary: { assignmentId: row.id, scored: input.scores.length },
    },
  });
}

/** The province officer sets (or clears) the review deadline of an assignment still to be scored. */
export async function setAssignmentDue(opts: { db: Db; ctx: Ctx; id: string; input: SetDueRequest }) {
  const { db, ctx, input } = opts;
  const row = await loadVisibleAssignment(db, ctx.actor, opts.id);
  authorizeAssignmentChange(ctx.actor, row, 'set_due');
  const at = ctx.now.toISOString();
  await changeOpenAssignment({
    db,
    ctx,
    row,
    set: { status: 'assigned', due_on: input.dueOn, updated_at: at },
    audit: {
      action: 'expert.set_due',
      role: 'province_officer',
      summary: { assignmentId: row.id, expertId: row.expert_id, from: row.due_on, to: input.dueOn },
    },
  });
}

/** An expert sets the professional fields it reviews (matched against 主要专业方向 when assigning). */
export async function setOwnExpertFields(opts: { db: Db; ctx: Ctx; input: ExpertFieldsRequest }) {
  const { db, ctx } = opts;
  assertMaySetOwnExpertFields(ctx.actor);
  const fields = [...new Set(opts.input.fields.map((f) => f.trim()))];
  await db.transaction().execute(async (trx) => {
    await setExpertFields(trx, ctx.actor.userId, fields, ctx.now);
    await appendAudit(trx, ctx, {
      action: 'expert.set_fields',
      role: 'expert',
      target: { type: 'user', id: ctx.actor.userId },
      summary: { fields },
    });
  });
  return fields;
}
