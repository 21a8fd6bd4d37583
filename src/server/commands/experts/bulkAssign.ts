import { randomUUID } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import { fieldsMatch, parseFields } from '../../../domain/expertFields.js';
import type { BulkAssignmentRequest } from '../../../domain/schemas/experts.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  assertProvinceOfficerFor,
  bulkAssignProvinceOf,
  inScoringStage,
  recusalReasons,
} from '../../policies/experts.js';
import {
  conflictedUsers,
  listExperts,
  mainFieldsOf,
  openAssignmentCounts,
} from '../../repositories/expertAssignments.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';
import { loadReviewConfig } from '../review/loadReviewConfig.js';
import { insertOneAssignment } from './assignments.js';

type Created = { applicationId: string; expertId: string; expertName: string; fieldMatch: boolean };
type Shortfall = { applicationId: string; assigned: number; reason: string };

/**
 * The province officer assigns experts to many accepted applications at once: for each, up to
 * `perApplication` experts (counting those already assigned), chosen among the eligible ones — the
 * same recusal rules as one by one — those whose professional fields match the space's 主要专业方向
 * first, then the least loaded. Unknown applications or ones outside the province are 422 and
 * nothing is assigned; all assignments are written in one transaction.
 */
export async function bulkAssignExperts(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: BulkAssignmentRequest;
}) {
  const { db, ctx, input } = opts;
  const provinceId = bulkAssignProvinceOf(ctx.actor);
  const ids = [...new Set(input.applicationIds)];
  const details: ErrorDetail[] = [];
  const apps = [];
  for (const [i, id] of ids.entries()) {
    try {
      const app = await loadVisibleApplication(db, ctx.actor, id);
      assertProvinceOfficerFor(ctx.actor, app, '分配评审专家');
      apps.push(app);
    } catch {
      details.push({ path: `applicationIds.${i}`, message: `第 ${i + 1} 项申报不存在或不属于本省` });
    }
  }
  if (details.length) throw new AppError('validation_failed', details[0]!.message, details);

  const experts = await listExperts(db, provinceId);
  const load = await openAssignmentCounts(
    db,
    experts.map((e) => e.id),
  );
  const mainFields = await mainFieldsOf(
    db,
    apps.map((a) => a.id),
  );
  const existing = await db
    .selectFrom('expert_assignments')
    .select(['application_id', 'expert_id', 'status'])
    .where(
      'application_id',
      'in',
      apps.map((a) => a.id),
    )
    .execute();
  const created: Created[] = [];
  const shortfalls: Shortfall[] = [];
  const plan: { app: (typeof apps)[number]; expert: (typeof experts)[number] }[] = [];
  const recusal = new Map<string, boolean>();
  for (const app of apps) {
    const mine = existing.filter((x) => x.application_id === app.id);
    const have = mine.filter((x) => x.status !== 'withdrawn').length;
    if (!inScoringStage(app.status)) {
      shortfalls.push({
        applicationId: app.id,
        assigned: have,
        reason: '该申报不在专家评审阶段（须受理通过、尚未作出省级决定）',
      });
      continue;
    }
    const need = input.perApplication - have;
    if (need <= 0) continue;
    if (!recusal.has(app.batch_id))
      recusal.set(app.batch_id, (await loadReviewConfig(db, app.batch_id, app.province_id)).sameCityRecusal);
    const conflicted = await conflictedUsers(
      db,
      app.unit_id,
      experts.map((e) => e.id),
    );
    const taken = new Set(mine.map((x) => x.expert_id));
    const spaceFields = parseFields(mainFields.get(app.id));
    const candidates = experts
      .filter((e) => !taken.has(e.id))
      .filter(
        (e) =>
          recusalReasons({
            expert: e,
            app,
            conflicted: conflicted.has(e.id),
            sameCityRecusal: recusal.get(app.batch_id)!,
          }).length === 0,
      )
      .map((e) => ({ e, match: fieldsMatch(parseFields(e.expert_fields), spaceFields) }))
      .filter((c) => c.match || !input.matchingOnly)
      .sort(
        (x, y) =>
          Number(y.match) - Number(x.match) ||
          (load.get(x.e.id) ?? 0) - (load.get(y.e.id) ?? 0) ||
          x.e.display_name.localeCompare(y.e.display_name),
      )
      .slice(0, need);
    for (const c of candidates) {
      plan.push({ app, expert: c.e });
      load.set(c.e.id, (load.get(c.e.id) ?? 0) + 1);
      created.push({ applicationId: app.id, expertId: c.e.id, expertName: c.e.display_name, fieldMatch: c.match });
    }
    if (candidates.length < need)
      shortfalls.push({
        applicationId: app.id,
        assigned: have + candidates.length,
        reason: input.matchingOnly ? '专业领域相符且无需回避的专家不足' : '无需回避的专家不足',
      });
  }
  try {
    await db.transaction().execute(async (trx) => {
      for (const { app, expert } of plan)
        await insertOneAssignment(trx, ctx, { id: randomUUID(), app, expert, dueOn: input.dueOn });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', '分配期间专家分配已变化，请刷新后重试');
    throw err;
  }
  return { created, shortfalls };
}
