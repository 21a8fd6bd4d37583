import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { deadlineKindLabels, formatBeijing, type DeadlineKind } from '../../domain/schemas/batches.js';
import type { Actor } from '../context.js';
import { assertRole, hasRole, jurisdictionOf } from './common.js';

/** Batches are created and edited by the system administrator alone. */
export function assertCanManageBatches(actor: Actor): void {
  assertRole(actor, 'system_admin');
}

/**
 * Who sets each step of the cascade. The system administrator sets the national and provincial
 * steps with the batch; the workflow roles set their own: the Ministry the national one, the province
 * its cities' deadline, each city bureau its applicants' deadline.
 */
export const deadlineSetterRoles: Record<DeadlineKind, readonly Role[]> = {
  province: ['system_admin', 'ministry_officer'],
  city: ['province_officer', 'system_admin'],
  applicant: ['city_reviewer', 'city_approver'],
};

/** Whether the actor, in one of its roles, reaches the scope of a deadline of this kind. */
function reachesScope(actor: Actor, kind: DeadlineKind, scopeOrgId: string | null): boolean {
  return deadlineSetterRoles[kind].some((role) => {
    if (!actor.roles.includes(role)) return false;
    switch (role) {
      case 'ministry_officer':
        return true;
      case 'system_admin': {
        if (kind === 'province') return true;
        const j = jurisdictionOf(actor);
        return j.level === 'nation' || (j.level === 'province' && j.provinceId === scopeOrgId);
      }
      case 'province_officer':
        return actor.provinceId === scopeOrgId;
      case 'city_reviewer':
      case 'city_approver':
        return actor.orgKind === 'city' && actor.cityId === scopeOrgId;
      default:
        return false;
    }
  });
}

/** Throws 403 unless the actor may set a deadline of this kind for this scope. */
export function assertCanSetDeadline(actor: Actor, kind: DeadlineKind, scopeOrgId: string | null): void {
  if (!hasRole(actor, ...deadlineSetterRoles[kind]))
    throw new AppError('forbidden', `无权设置${deadlineKindLabels[kind]}`);
  if (!reachesScope(actor, kind, scopeOrgId)) {
    throw new AppError(
      'forbidden',
      kind === 'applicant' ? '只能设置本市的申报单位截止时间' : '只能设置本省的市科技局报送截止时间',
    );
  }
}

/** Whoever set a deadline may extend it: the same organisation, in a role that sets deadlines of that kind. */
export function assertCanExtendDeadline(
  actor: Actor,
  deadline: { kind: string; scope_org_id: string | null; set_by_org_id: string },
): void {
  const kind = deadline.kind as DeadlineKind;
  if (actor.orgId !== deadline.set_by_org_id || !hasRole(actor, ...deadlineSetterRoles[kind]))
    throw new AppError('forbidden', '只有设置该截止时间的单位可以延期');
}

/** The nearest set deadline above a step, and the latest set deadline below it. */
export interface CascadeBounds {
  upper: { kind: DeadlineKind; at: Date } | null;
  lowerLatest: Date | null;
}

/**
 * The cascade rule: a step's deadline is no later than the next step's ("each city sets its own,
 * no later than the next") and no earlier than the deadlines already set below it.
 * Returns a Chinese problem, or null.
 */
export function cascadeProblem(kind: DeadlineKind, dueAt: Date, b: CascadeBounds): string | null {
  if (b.upper && dueAt.getTime() > b.upper.at.getTime()) {
    return `${deadlineKindLabels[kind]}不得晚于${deadlineKindLabels[b.upper.kind]}（${formatBeijing(b.upper.at)}，北京时间）`;
  }
  if (b.lowerLatest && dueAt.getTime() < b.lowerLatest.getTime()) {
    return `已设置的下级截止时间（最晚 ${formatBeijing(b.lowerLatest)}，北京时间）晚于该时间，${deadlineKindLabels[kind]}不得早于下级截止时间`;
  }
  return null;
}
