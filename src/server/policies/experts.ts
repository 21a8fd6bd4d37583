import { AppError } from '../../domain/errors.js';
import { FIELD_VISIT_STATUSES, SCORING_STATUSES, type AssignmentAction } from '../../domain/schemas/experts.js';
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

/** Whether an application in this status takes expert assignments and scores (受理通过, no province decision yet). */
export const inScoringStage = (status: string): boolean => (SCORING_STATUSES as readonly string[]).includes(status);

/** The assessment actions on an application the actor may start now (sent with the application view). */
export function assessmentActions(actor: Actor, app: { status: string; province_id: string }): 'assign_experts'[] {
  const officer = hasRole(actor, 'province_officer') && actor.provinceId === app.province_id;
  return officer && inScoringStage(app.status) ? ['assign_experts'] : [];
}

/** What the actor may do with an assignment now; sent to the client as allowedActions. */
export function assignmentActions(actor: Actor, a: AssignmentRef): AssignmentAction[] {
  const actions: AssignmentAction[] = [];
  const own = actor.userId === a.expert_id && hasRole(actor, 'expert');
  const scoring = a.status === 'assigned' && inScoringStage(a.app_status);
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

/** Whether the actor may record field visits on the application now: its province officer, while the province assesses. */
export const canRecordFieldVisit = (actor: Actor, app: ApplicationRef): boolean =>
  hasRole(actor, 'province_officer') &&
  roleReaches('province_officer', actor, app) &&
  (FIELD_VISIT_STATUSES as readonly string[]).includes(app.status);

/**
 * Field visits are the province's assessment: its officers, the Ministry and the experts assigned to
 * the application read them; the applicant unit and the city do not (403). Called after
 * loadVisibleApplication (404 outside the actor's reach).
 */
export function authorizeFieldVisitRead(actor: Actor, app: ApplicationRef, assignedExpert: boolean): void {
  const reads =
    (hasRole(actor, 'province_officer') && roleReaches('province_officer', actor, app)) ||
    hasRole(actor, 'ministry_officer') ||
    (hasRole(actor, 'expert') && assignedExpert);
  if (!reads) throw new AppError('forbidden', '实地调研记录仅省科技厅、科技部和评审专家可以查看');
}

/** Which assignments the actor's list holds: the province officer its province's, the Ministry all, an expert its own. */
export function assignmentListScope(actor: Actor): { provinceId?: string; expertId?: string } {
  if (hasRole(actor, 'province_officer') && actor.provinceId) return { provinceId: actor.provinceId };
  if (hasRole(actor, 'ministry_officer')) return {};
  if (hasRole(actor, 'expert')) return { expertId: actor.userId };
  throw new AppError('forbidden', '只有评审专家、省科技厅和科技部可以查看专家评审');
}

/** The officer's actions on an assignment, with the precise error: 403 for anyone but the province officer, else 409. */
const OFFICER_ACTIONS = {
  remove: { forbidden: '只有省科技厅业务处室可以取消专家分配', state: '专家已评分或已回避，不能取消分配' },
  set_due: {
    forbidden: '只有省科技厅业务处室可以设置评审截止日期',
    state: '专家已评分或已回避，不能再设置评审截止日期',
  },
} as const;

/**
 * Removing an assignment or setting its deadline: allowed when in assignmentActions; otherwise 403
 * unless the actor is a province officer (for set_due: of the assignment's province), else 409.
 */
export function authorizeAssignmentChange(actor: Actor, a: AssignmentRef, action: 'remove' | 'set_due'): void {
  if (assignmentActions(actor, a).includes(action)) return;
  const officer = hasRole(actor, 'province_officer') && (action === 'remove' || actor.provinceId === a.province_id);
  throw officer
    ? new AppError('invalid_transition', OFFICER_ACTIONS[action].state)
    : new AppError('forbidden', OFFICER_ACTIONS[action].forbidden);
}

/** Assigning experts in bulk: the province officer, for its own province (403 otherwise). */
export function bulkAssignProvinceOf(actor: Actor): string {
  if (!hasRole(actor, 'province_officer') || !actor.provinceId)
    throw new AppError('forbidden', '只有省科技厅业务处室可以分配评审专家');
  return actor.provinceId;
}

/** Only an expert reads or sets its own professional fields (403 otherwise). */
export function assertMaySetOwnExpertFields(actor: Actor): void {
  if (!hasRole(actor, 'expert')) throw new AppError('forbidden', '只有评审专家可以设置专业领域');
}
