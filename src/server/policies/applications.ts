import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import {
  actionsFor,
  EDITABLE_STATUSES,
  findTransition,
  type ApplicationAction,
  type ApplicationStatus,
  type Guard,
  type Transition,
} from '../../domain/workflow.js';
import { ACKNOWLEDGEMENT_DETAIL_PATH, ACKNOWLEDGEMENT_REQUIRED_MESSAGE } from '../../domain/schemas/review.js';
import type { Actor } from '../context.js';
import { REVIEW_ACTIONS_NEEDING_ACKNOWLEDGEMENT } from './review.js';

/**
 * Which applications a list may return: the union of the unit, city and province given (and, for an
 * expert, the applications assigned to that user), or all; an empty object reaches nothing. Built by
 * applicationListScope, applied by the repository.
 */
export type ApplicationScope =
  { all: true } | { all?: false; unitId?: string; cityId?: string; provinceId?: string; expertId?: string };

/** The columns of an application that access decisions need. */
export interface ApplicationRef {
  id: string;
  unit_id: string;
  city_id: string;
  province_id: string;
  status: string;
}

/** Which applications a role reaches: its unit, its city, its province, or all. */
export function roleReaches(role: Role, actor: Actor, app: ApplicationRef): boolean {
  switch (role) {
    case 'applicant':
      return app.unit_id === actor.orgId;
    case 'city_reviewer':
    case 'city_approver':
      return app.city_id === actor.cityId && actor.orgKind === 'city';
    case 'acceptance_clerk':
    case 'province_officer':
    case 'province_approver':
      return app.province_id === actor.provinceId;
    case 'ministry_officer':
      return true;
    default:
      // Experts reach applications through assignments (checked by the expert-review feature); administrators never.
      return false;
  }
}

/** Whether the actor may see the application at all (else: 404). */
export function canSeeApplication(
  actor: Actor,
  app: ApplicationRef,
  extra: { assignedExpert?: boolean } = {},
): boolean {
  if (extra.assignedExpert && actor.roles.includes('expert')) return true;
  return actor.roles.some((r) => roleReaches(r, actor, app));
}

/** Facts about the application and the actor that guards and integrity rules need. */
export interface ActionFacts {
  /** The actor declared a conflict of interest with the applicant unit (回避). */
  conflicted: boolean;
  guards: Partial<Record<Guard, boolean>>;
  /** City reviewers: whether the batch's integrity rules are acknowledged (undefined: not needed here). */
  integrityAcknowledged?: boolean;
  /** Experts: assigned to the application, so they see it (they take no workflow action). */
  assignedExpert?: boolean;
}

/** Integrity: nobody reviews their own unit or a unit they declared a conflict with. */
function integrityAllows(actor: Actor, role: Role, app: ApplicationRef, facts: ActionFacts): boolean {
  if (role === 'applicant') return true;
  if (actor.orgId === app.unit_id) return false;
  return !facts.conflicted;
}

/** The role in which the actor may take the transition on this application, if any. */
export function actingRole(actor: Actor, t: Transition, app: ApplicationRef, facts: ActionFacts): Role | undefined {
  return t.roles.find(
    (r) => actor.roles.includes(r) && roleReaches(r, actor, app) && integrityAllows(actor, r, app, facts),
  );
}

/**
 * The actions the actor may take now: role, jurisdiction, integrity, state and guards.
 * Sent to the client as allowedActions; the UI shows exactly these. The content_complete guard is
 * left out on purpose: submit is offered while editing and answers every problem at once.
 */
export function allowedActions(actor: Actor, app: ApplicationRef, facts: ActionFacts): ApplicationAction[] {
  const status = app.status as ApplicationStatus;
  return actionsFor(status, actor.roles).filter((action) => {
    const t = findTransition(status, action)!;
    if (!actingRole(actor, t, app, facts)) return false;
    return (t.guards ?? []).every((g) => g === 'content_complete' || facts.guards[g] !== false);
  });
}

/**
 * Checks one action: throws the precise error (404 outside jurisdiction, 403 wrong role or conflict,
 * 409 wrong state or failed guard, 422 missing comment). Returns the transition and the acting role.
 */
export function authorizeAction(
  actor: Actor,
  app: ApplicationRef,
  action: ApplicationAction,
  comment: string | undefined,
  facts: ActionFacts,
): { transition: Transition; role: Role } {
  if (!canSeeApplication(actor, app, { assignedExpert: facts.assignedExpert })) throw new AppError('not_found');
  const t = findTransition(app.status as ApplicationStatus, action);
  if (!t || t.system) throw new AppError('invalid_transition');
  if (!t.roles.some((r) => actor.roles.includes(r) && roleReaches(r, actor, app))) throw new AppError('forbidden');
  const role = actingRole(actor, t, app, facts);
  if (!role) throw new AppError('forbidden', '您与该申报单位存在回避关系或属于该单位，不能处理此申报');
  if (
    role === 'city_reviewer' &&
    facts.integrityAcknowledged === false &&
    (REVIEW_ACTIONS_NEEDING_ACKNOWLEDGEMENT as readonly string[]).includes(action)
  )
    throw new AppError('forbidden', ACKNOWLEDGEMENT_REQUIRED_MESSAGE, [
      { path: ACKNOWLEDGEMENT_DETAIL_PATH, message: ACKNOWLEDGEMENT_REQUIRED_MESSAGE },
    ]);
  if (t.commentRequired && !comment?.trim())
    throw new AppError('validation_failed', '请填写意见', [{ path: 'comment', message: '请填写意见' }]);
  for (const g of t.guards ?? []) {
    if (g === 'content_complete' || facts.guards[g] !== false) continue;
    if (g === 'before_applicant_deadline') throw new AppError('deadline_passed', '已超过申报截止时间');
    if (g === 'not_in_sent_dispatch') throw new AppError('invalid_transition', '该申报已随报送批报出，不能撤销推荐');
    if (g === 'paper_copies_registered')
      throw new AppError('invalid_transition', '纸质材料（一式两份）尚未登记齐全，不能受理');
    if (g === 'checklist_reconfirmed')
      throw new AppError(
        'invalid_transition',
        '该申报退回后已重新提交，上一轮勾选的审查要点须逐项重新确认并保存后才能继续',
      );
  }
  return { transition: t, role };
}

/**
 * Which applications the actor's lists reach: the union over its roles (its unit, its city, its
 * province, or all; an expert the applications assigned to it); null when no role of the actor works
 * on applications at all (the administrators), which answers 403.
 */
export function applicationListScope(actor: Actor): ApplicationScope | null {
  if (actor.roles.includes('ministry_officer')) return { all: true };
  const scope: { unitId?: string; cityId?: string; provinceId?: string; expertId?: string } = {};
  if (actor.roles.includes('applicant')) scope.unitId = actor.orgId;
  if ((actor.roles.includes('city_reviewer') || actor.roles.includes('city_approver')) && actor.orgKind === 'city')
    scope.cityId = actor.cityId ?? undefined;
  if (
    (actor.roles.includes('acceptance_clerk') ||
      actor.roles.includes('province_officer') ||
      actor.roles.includes('province_approver')) &&
    actor.provinceId
  )
    scope.provinceId = actor.provinceId;
  if (actor.roles.includes('expert')) scope.expertId = actor.userId;
  if (scope.unitId || scope.cityId || scope.provinceId || scope.expertId) return scope;
  return null;
}

/**
 * Checks that the actor may change the application's content or files: 404 outside jurisdiction,
 * 403 unless an account of the applicant unit, 409 unless the application is a draft or returned.
 */
export function authorizeEdit(actor: Actor, app: ApplicationRef): void {
  if (!canSeeApplication(actor, app)) throw new AppError('not_found');
  if (!(actor.roles.includes('applicant') && roleReaches('applicant', actor, app)))
    throw new AppError('forbidden', '只有申报单位本单位的账号可以修改申报材料');
  if (!EDITABLE_STATUSES.includes(app.status as ApplicationStatus))
    throw new AppError('invalid_transition', '申报已提交，当前状态下不能修改；如需修改请先撤回或等待退回');
}

/** Only an applicant unit's account opens an application (403 otherwise). */
export function assertCanCreateApplication(actor: Actor): void {
  if (!actor.roles.includes('applicant')) throw new AppError('forbidden', '只有申报单位账号可以创建申报');
}

/** The viewer is an account of the applicant unit: it sees its working copy, and no personal names. */
export const viewsAsUnit = (actor: Actor, app: ApplicationRef): boolean =>
  actor.roles.includes('applicant') && roleReaches('applicant', actor, app);

/** Only the province's acceptance clerk registers paper copies (403 otherwise). */
export function assertCanRegisterPaperCopy(actor: Actor, app: ApplicationRef): void {
  if (!actor.roles.includes('acceptance_clerk') || !roleReaches('acceptance_clerk', actor, app))
    throw new AppError('forbidden', '只有本省受理单位可以登记纸质材料');
}

/**
 * An expert reaches applications through its assignments: whether the actor's assignments must be
 * looked up to know what it sees (no other role reaches anything that way).
 */
export const reachesByAssignment = (actor: Actor): boolean => actor.roles.includes('expert');

/** The unit whose own applications the actor's exports print as the working copy (an applicant's), else null. */
export const exportingUnitOf = (actor: Actor): string | null =>
  actor.roles.includes('applicant') ? actor.orgId : null;

/** Whether the actor sees the province's ranking (the province's dispatch order): the province and the Ministry. */
export const seesProvinceRanks = (actor: Actor): boolean =>
  actor.roles.some((r) => r === 'acceptance_clerk' || r === 'province_officer' || r === 'ministry_officer');

/** Only an acceptance clerk scans a 校验码 to find the application of a paper copy (403 otherwise). */
export function assertCanScanPaperCopy(actor: Actor): void {
  if (!actor.roles.includes('acceptance_clerk')) throw new AppError('forbidden');
}
