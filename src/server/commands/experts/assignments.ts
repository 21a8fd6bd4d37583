import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { fieldsMatch, parseFields } from '../../../domain/expertFields.js';
import type { AssignmentSort, CreateAssignmentRequest } from '../../../domain/schemas/experts.js';
import type { Criterion } from '../../../domain/schemas/review.js';
import type { PageRequest } from '../../queries/pagination.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { messages } from '../../notifications/messages.js';
import { notify } from '../../notifications/notify.js';
import { loadAppInfo } from '../../notifications/transitions.js';
import {
  assertProvinceOfficerFor,
  assignmentListScope,
  authorizeAssignmentChange,
  canSeeAssignment,
  inScoringStage,
  recusalReasons,
} from '../../policies/experts.js';
import {
  conflictedUsers,
  deleteAssignment,
  findAssignment,
  findAssignmentFor,
  findExpert,
  insertAssignment,
  listAssignmentPage,
  listAssignments,
  listExperts,
  mainFieldsOf,
  type AssignmentRow,
} from '../../repositories/expertAssignments.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { loadReviewConfig } from '../review/loadReviewConfig.js';

async function loadApplicationForAssessment(db: Executor, actor: Actor, id: string, what: string) {
  const app = await loadVisibleApplication(db, actor, id);
  assertProvinceOfficerFor(actor, app, what);
  return app;
}

/** The province's experts for an application, each with whether it may be assigned and why not. */
export async function listExpertCandidates(opts: { db: Executor; actor: Actor; applicationId: string }) {
  const { db, actor } = opts;
  const app = await loadApplicationForAssessment(db, actor, opts.applicationId, '分配评审专家');
  const [config, experts, assignments, mainFields] = await Promise.all([
    loadReviewConfig(db, app.batch_id, app.province_id),
    listExperts(db, app.province_id),
    listAssignments(db, { applicationId: app.id }),
    mainFieldsOf(db, [app.id]),
  ]);
  const conflicted = await conflictedUsers(
    db,
    app.unit_id,
    experts.map((e) => e.id),
  );
  const assigned = new Set(assignments.map((a) => a.expert_id));
  const spaceFields = parseFields(mainFields.get(app.id));
  return experts.map((e) => {
    const reasons = recusalReasons({
      expert: e,
      app,
      conflicted: conflicted.has(e.id),
      sameCityRecusal: config.sameCityRecusal,
    });
    const fields = parseFields(e.expert_fields);
    return { expert: e, assigned: assigned.has(e.id), reasons, fields, fieldMatch: fieldsMatch(fields, spaceFields) };
  });
}

/**
 * The province officer assigns an expert to an accepted application. Refused with 422 and the
 * reason when the expert declared a conflict with the unit, belongs to the unit, or (unless the
 * batch's configuration turns it off) comes from the same city. The expert is notified.
 */
export async function assignExpert(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: CreateAssignmentRequest;
}) {
  const { db, ctx, input } = opts;
  const app = await loadApplicationForAssessment(db, ctx.actor, input.applicationId, '分配评审专家');
  if (!inScoringStage(app.status))
    throw new AppError('invalid_transition', '只有受理通过、尚未作出省级决定的申报可以分配评审专家');
  const expert = await findExpert(db, input.expertId);
  if (!expert || expert.province_id !== app.province_id)
    throw new AppError('validation_failed', '专家不存在或不属于本省专家库', [
      { path: 'expertId', message: '专家不存在或不属于本省专家库' },
    ]);
  const existing = await findAssignmentFor(db, app.id, expert.id);
  if (existing)
    throw new AppError(
      'conflict',
      existing.status === 'withdrawn' ? '该专家已对此申报申报回避，不能再分配' : '该专家已被分配评审此申报',
    );
  const [config, conflicted] = await Promise.all([
    loadReviewConfig(db, app.batch_id, app.province_id),
    conflictedUsers(db, app.unit_id, [expert.id]),
  ]);
  const reasons = recusalReasons({
    expert,
    app,
    conflicted: conflicted.has(expert.id),
    sameCityRecusal: config.sameCityRecusal,
  });
  if (reasons.length)
    throw new AppError(
      'validation_failed',
      `不能分配该专家：${reasons.join('；')}`,
      reasons.map((message) => ({ path: 'expertId', message })),
    );
  const id = randomUUID();
  try {
    await db.transaction().execute((trx) => insertOneAssignment(trx, ctx, { id, app, expert, dueOn: input.dueOn }));
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', '该专家已被分配评审此申报');
    throw err;
  }
  return (await findAssignment(db, id))!;
}

/** One assignment with its audit event and the expert's notification (inside the caller's transaction). */
export async function insertOneAssignment(
  trx: Executor,
  ctx: RequestContext & { actor: Actor },
  a: {
    id: string;
    app: { id: string; batch_id: string; province_id: string };
    expert: { id: string; email: string | null; display_name: string; org_name: string };
    dueOn?: string;
  },
) {
  const { id, app, expert } = a;
  await insertAssignment(trx, {
    id,
    applicationId: app.id,
    expertId: expert.id,
    batchId: app.batch_id,
    provinceId: app.province_id,
    assignedBy: ctx.actor.userId,
    now: ctx.now,
    dueOn: a.dueOn ?? null,
  });
  await appendAudit(trx, ctx, {
    action: 'expert.assign',
    role: 'province_officer',
    target: { type: 'application', id: app.id },
    summary: {
      assignmentId: id,
      expertId: expert.id,
      expertName: expert.display_name,
      expertOrg: expert.org_name,
      dueOn: a.dueOn ?? null,
    },
  });
  const info = await loadAppInfo(trx, app.id);
  if (info)
    await notify(
      trx,
      ctx.now,
      [{ id: expert.id, email: expert.email }],
      messages.expertAssigned(info.info, id, a.dueOn),
    );
}

/** An assignment the actor may see (else 404). */
export async function loadVisibleAssignment(db: Executor, actor: Actor, id: string): Promise<AssignmentRow> {
  const row = await findAssignment(db, id);
  if (!row || !canSeeAssignment(actor, { ...row, app_status: row.app_status })) throw new AppError('not_found');
  return row;
}

/** The province officer takes back an assignment the expert has not scored yet. */
export async function removeAssignment(opts: { db: Db; ctx: RequestContext & { actor: Actor }; id: string }) {
  const { db, ctx } = opts;
  const row = await loadVisibleAssignment(db, ctx.actor, opts.id);
  authorizeAssignmentChange(ctx.actor, row, 'remove');
  await db.transaction().execute(async (trx) => {
    if (!(await deleteAssignment(trx, row.id, { status: row.status, version: Number(row.version) })))
      throw new AppError('version_conflict');
    await appendAudit(trx, ctx, {
      action: 'expert.unassign',
      role: 'province_officer',
      target: { type: 'application', id: row.application_id },
      summary: { assignmentId: row.id, expertId: row.expert_id, expertName: row.expert_name },
    });
  });
}

/**
 * The assignments the actor may list: an expert its own; the province officer its province's; the
 * Ministry all (filtered).
 */
export async function listVisibleAssignments(opts: {
  db: Executor;
  actor: Actor;
  filter: { applicationId?: string; batchId?: string; status?: string; q?: string };
  page: PageRequest<AssignmentSort>;
}) {
  const { db, actor, filter } = opts;
  return listAssignmentPage(db, { ...filter, ...assignmentListScope(actor) }, opts.page);
}

/** The criteria an assignment is (or was) scored on: frozen with the scores, else the configuration's. */
export async function criteriaFor(db: Executor, rows: AssignmentRow[]): Promise<Map<string, Criterion[]>> {
  const byConfig = new Map<string, Criterion[]>();
  const out = new Map<string, Criterion[]>();
  for (const r of rows) {
    if (r.criteria) {
      try {
        out.set(r.id, JSON.parse(r.criteria) as Criterion[]);
        continue;
      } catch {
        // fall back to the configuration
      }
    }
    const key = `${r.batch_id}|${r.province_id}`;
    if (!byConfig.has(key)) byConfig.set(key, (await loadReviewConfig(db, r.batch_id, r.province_id)).criteria);
    out.set(r.id, byConfig.get(key)!);
  }
  return out;
}
