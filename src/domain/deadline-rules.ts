import type { OrgSubject } from './jurisdiction.js';
import type { Role } from './roles.js';
import type { DeadlineKind } from './schemas/batches.js';

/** Who acts on a deadline: roles and the organisation with its place in the tree. */
export interface DeadlineSubject extends OrgSubject {
  roles: readonly Role[];
}

/**
 * Who sets each step of the cascade: the Ministry the national one, the province (its officer, who
 * also opens the batches) its cities' deadline, each city bureau its applicants' deadline. The system
 * administrator sets none: 三员分立 leaves it configuration only (issue 11 item 5).
 */
export const deadlineSetterRoles: Record<DeadlineKind, readonly Role[]> = {
  province: ['ministry_officer'],
  city: ['province_officer'],
  applicant: ['city_reviewer', 'city_approver'],
};

/** Whether the subject holds a role that sets deadlines of this kind (for some scope). */
export const setsDeadlineKind = (s: DeadlineSubject, kind: DeadlineKind): boolean =>
  deadlineSetterRoles[kind].some((r) => s.roles.includes(r));

/** Whether the subject, in one of its roles, reaches the scope of a deadline of this kind. */
export function reachesDeadlineScope(s: DeadlineSubject, kind: DeadlineKind, scopeOrgId: string | null): boolean {
  return deadlineSetterRoles[kind].some((role) => {
    if (!s.roles.includes(role)) return false;
    switch (role) {
      case 'ministry_officer':
        return true;
      case 'province_officer':
        return s.provinceId === scopeOrgId;
      case 'city_reviewer':
      case 'city_approver':
        return s.orgKind === 'city' && s.cityId === scopeOrgId;
      default:
        return false;
    }
  });
}

/** Whoever set a deadline may extend it: the same organisation, in a role that sets deadlines of that kind. */
export const mayExtendDeadline = (s: DeadlineSubject, d: { kind: DeadlineKind; setByOrgId: string }): boolean =>
  s.orgId === d.setByOrgId && setsDeadlineKind(s, d.kind);

/**
 * The steps whose deadline governs a step, in order of precedence: an applicant's deadline is the
 * city's own applicant deadline, else the province's city → province deadline (the cascade); the city
 * and province steps have only their own.
 */
export const deadlineChain: Record<DeadlineKind, readonly DeadlineKind[]> = {
  applicant: ['applicant', 'city'],
  city: ['city'],
  province: ['province'],
};

/**
 * The organisation a deadline of each kind is set for, seen from an application's city and province:
 * null for the national deadline, undefined when the place has no such organisation.
 */
export function deadlineScopeOf(
  kind: DeadlineKind,
  where: { cityId?: string | null; provinceId?: string | null },
): string | null | undefined {
  if (kind === 'applicant') return where.cityId ?? undefined;
  if (kind === 'city') return where.provinceId ?? undefined;
  return null;
}

/** The deadline in force for a step: the first of its chain that is set (null when none is: not time-bound). */
export function deadlineInForce<T>(kind: DeadlineKind, found: Partial<Record<DeadlineKind, T | null>>): T | null {
  for (const k of deadlineChain[kind]) {
    const d = found[k];
    if (d !== undefined && d !== null) return d;
  }
  return null;
}

/** True while the deadline has not passed (the deadline minute itself still counts as in time). */
export const inTime = (deadline: Date | null, now: Date): boolean => !deadline || now.getTime() <= deadline.getTime();
