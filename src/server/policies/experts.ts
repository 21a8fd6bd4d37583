import { AppError } from '../../domain/errors.js';
import { SCORING_STATUSES, type AssignmentAction } from '../../domain/schemas/experts.js';
import type { Actor } from '../context.js';
import { roleReaches, type ApplicationRef } from './applications.js';
import { hasRole } from './common.js';

/**
 * The province's assessment (experts, field visits, ranking) is the province officer's. Called after
 * loadVisibleApplication (which answers 404 outside the actor's reach): 403 for anyone else.
 */
export function assertProvinceOfficerFor(actor: Actor, app: ApplicationRef, what: string): void {
  if (!(hasRole(actor, 'province_officer') && roleReaches('province_officer', actor, app)))
    throw new AppError('forbidden', `只有省科技厅业务处室可以${what}`);
}

export interface ExpertFacts {
  expert: { id: string; org_id: string; city_id: string | null; city_name: string | null };
  app: ApplicationRef & { unit_name: string; city_name: string };
  /** The expert declared a conflict of interest with the applicant unit. */
  conflicted: boolean;
  sameCityRecusal: boolean;
}

/** Why an expert cannot assess an application (Chinese, for the 422 and the candidate list); empty when eligible. */
export function recusalReasons(f: ExpertFacts): string[] {
  const reasons: string[] = [];
  if (f.conflicted) reasons.push(`该专家已申报与“${f.app.unit_name}”存在利害关系（回避）`);
  if (f.expert.org_id === f.app.unit_id) reasons.push('该专家所在单位即为申报单位，应当回避');
  if (f.sameCityRecusal && f.expert.city_id && f.expert.city_id === f.app.city_id)
    reasons.push(`该专家所在单位与申报单位同属${f.expert.city_name ?? f.app.city_name}，按同城回避规则不能评审`);
  return reasons;
}

export interface AssignmentRef {
  expert_id: string;
  status: string;
  province_id: string;
  app_status: string;
  /** The expert's no-conflict declaration (issue 14): scoring and drafts wait for it. */
  declared_at?: string | null;
}

/** What the actor may do with an assignment now; sent to the client as allowedActions. */
export function assignmentActions(actor: Actor, a: AssignmentRef): AssignmentAction[] {
  const actions: AssignmentAction[] = [];
  const own = actor.userId === a.expert_id && hasRole(actor, 'expert');
  const scoring = a.status === 'assigned' && (SCORING_STATUSES as readonly string[]).includes(a.app_status);
  if (own && scoring && !a.declared_at) actions.push('declare');
  if (own && scoring && a.declared_at) actions.push('save_draft', 'score');
  if (own && a.status === 'assigned') actions.push('decline');
  const officer = hasRole(actor, 'province_officer') && actor.provinceId === a.province_id;
  if (officer && a.status === 'assigned') actions.push('remove');
  if (officer && scoring) actions.push('set_due');
  return actions;
}

/** The expert sees its own assignments; the province officer its province's; the Ministry all. */
export function canSeeAssignment(actor: Actor, a: AssignmentRef): boolean {
  if (actor.userId === a.expert_id) return true;
  if (hasRole(actor, 'province_officer') && actor.provinceId === a.province_id) return true;
  return hasRole(actor, 'ministry_officer');
}

/** Who reads the province's ranking: its province officers, or the Ministry (naming the province). */
export function rankingProvinceOf(actor: Actor, requested: string | undefined): string {
  if (hasRole(actor, 'province_officer') && actor.provinceId) {
    if (requested && requested !== actor.provinceId) throw new AppError('not_found');
    return actor.provinceId;
  }
  if (hasRole(actor, 'ministry_officer')) {
    if (!requested)
      throw new AppError('validation_failed', '请选择省份', [{ path: 'provinceId', message: '请选择省份' }]);
    return requested;
  }
  throw new AppError('forbidden', '只有省科技厅业务处室和科技部可以查看评审排名');
}
