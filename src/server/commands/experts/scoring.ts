import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import type { DeclineAssignmentRequest, ScoreRequest } from '../../../domain/schemas/experts.js';
import { inScoringStage } from '../../policies/experts.js';
import type { Criterion } from '../../../domain/schemas/review.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit, type AuditEvent } from '../../audit/audit.js';
import { hasConflict, insertConflict } from '../../repositories/conflicts.js';
import { updateAssignment, type AssignmentRow } from '../../repositories/expertAssignments.js';
import { randomUUID } from 'node:crypto';
import { loadReviewConfig } from '../review/loadReviewConfig.js';
import { loadVisibleAssignment } from './assignments.js';

/**
 * Each score against the batch's criteria: a known criterion, scored once, not above its weight —
 * a value above the maximum is refused with a message, never clamped (issue 14).
 */
export function checkScores(criteria: Criterion[], scores: { key: string; score: number }[]) {
  const details: ErrorDetail[] = [];
  const given = new Map<string, number>();
  scores.forEach((s, i) => {
    const c = criteria.find((x) => x.key === s.key);
    if (!c) details.push({ path: `scores.${i}.key`, message: `评分指标“${s.key}”不在本批次的评分指标中` });
    else if (given.has(s.key)) details.push({ path: `scores.${i}.key`, message: `“${c.label}”重复打分` });
    else if (s.score > c.weight)
      details.push({ path: `scores.${i}.score`, message: `“${c.label}”的得分不能超过权重 ${c.weight} 分` });
    given.set(s.key, s.score);
  });
  return { details, given };
}

/** The expert's own assignment still to be scored, or the precise refusal. */
export async function loadOwnOpenAssignment(db: Db, actor: Actor, id: string, what: string): Promise<AssignmentRow> {
  const row = await loadVisibleAssignment(db, actor, id);
  if (row.expert_id !== actor.userId) throw new AppError('forbidden', `只有被分配的专家本人可以${what}`);
  if (row.status === 'submitted') throw new AppError('invalid_transition', '评分已提交，不能再修改');
  if (row.status === 'withdrawn') throw new AppError('invalid_transition', '您已申报回避，不再评审此申报');
  return row;
}

/**
 * Changes an assignment still to be scored ('assigned', at the version read) and records the audit
 * event about its application, in one transaction. Another change since the read (a submission, a
 * decline, a concurrent save) refuses with `refusal` and changes nothing. `alsoInTransaction` runs
 * after the change and before the event.
 */
export async function changeOpenAssignment(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  row: AssignmentRow;
  set: Parameters<typeof updateAssignment>[3];
  refusal?: AppError;
  audit: Pick<AuditEvent, 'action' | 'role' | 'summary'>;
  alsoInTransaction?: (trx: Executor) => Promise<void>;
}): Promise<void> {
  const { ctx, row } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const ok = await updateAssignment(trx, row.id, { status: 'assigned', version: Number(row.version) }, opts.set);
    if (!ok) throw opts.refusal ?? new AppError('version_conflict');
    await opts.alsoInTransaction?.(trx);
    await appendAudit(trx, ctx, { ...opts.audit, target: { type: 'application', id: row.application_id } });
  });
}

/**
 * The expert submits the scores, once: every criterion of the batch's configuration scored between
 * 0 and its weight, with a comment. The criteria are frozen with the scores; afterwards read-only.
 */
export async function scoreAssignment(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: ScoreRequest;
}) {
  const { db, ctx, input } = opts;
  const row = await loadOwnOpenAssignment(db, ctx.actor, opts.id, '评分');
  if (!inScoringStage(row.app_status)) throw new AppError('invalid_transition', '该申报已不在专家评审阶段，不能评分');
  if (!row.declared_at) throw new AppError('invalid_transition', '请先声明与申报单位无利害关系，再评分');
  const { criteria } = await loadReviewConfig(db, row.batch_id, row.province_id);
  const { details, given } = checkScores(criteria, input.scores);
  for (const c of criteria)
    if (!given.has(c.key)) details.push({ path: 'scores', message: `请为“${c.label}”打分（0–${c.weight} 分）` });
  if (details.length) throw new AppError('validation_failed', '评分不完整或超出范围，请检查后提交', details);

  const scores = criteria.map((c) => ({ key: c.key, score: given.get(c.key)! }));
  const total = Math.round(scores.reduce((s, x) => s + x.score, 0) * 10) / 10;
  const at = ctx.now.toISOString();
  await changeOpenAssignment({
    db,
    ctx,
    row,
    set: {
      status: 'submitted',
      criteria: JSON.stringify(criteria),
      scores: JSON.stringify(scores),
      total_score: total,
      comment: input.comment,
      submitted_at: at,
      draft_scores: null,
      draft_comment: null,
      draft_saved_at: null,
      updated_at: at,
    },
    refusal: new AppError('invalid_transition', '评分已提交，不能再修改'),
    audit: { action: 'expert.score', role: 'expert', summary: { assignmentId: row.id, total, scores } },
  });
}

/**
 * The expert declares a conflict of interest with the applicant unit instead of scoring: the
 * conflict is recorded (as POST /conflicts does) and the assignment withdrawn — the expert no longer
 * sees the application.
 */
export async function declineAssignment(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DeclineAssignmentRequest;
}) {
  const { db, ctx, input } = opts;
  const row = await loadOwnOpenAssignment(db, ctx.actor, opts.id, '申报回避');
  const at = ctx.now.toISOString();
  await changeOpenAssignment({
    db,
    ctx,
    row,
    set: { status: 'withdrawn', withdrawn_at: at, withdraw_reason: input.reason, updated_at: at },
    refusal: new AppError('invalid_transition', '评分已提交或已回避'),
    audit: { action: 'expert.decline', role: 'expert', summary: { assignmentId: row.id, reason: input.reason } },
    alsoInTransaction: async (trx) => {
      if (await hasConflict(trx, ctx.actor.userId, row.app_unit_id)) return;
      const conflictId = randomUUID();
      await insertConflict(trx, {
        id: conflictId,
        userId: ctx.actor.userId,
        unitId: row.app_unit_id,
        reason: input.reason,
        now: ctx.now,
      });
      await appendAudit(trx, ctx, {
        action: 'conflict.declare',
        role: 'expert',
        target: { type: 'conflict', id: conflictId },
        summary: { unitId: row.app_unit_id, unitName: row.unit_name, reason: input.reason },
      });
    },
  });
}
