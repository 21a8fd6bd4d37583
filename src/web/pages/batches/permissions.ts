import type { Role } from '../../../domain/roles.js';
import type { Deadline, DeadlineKind } from '../../../domain/schemas/batches.js';
import type { Org } from '../../api/types';
import type { SessionUser } from '../../api/session';

/**
 * What the current user may do with batches, mirroring src/server/policies/batches.ts so that only
 * the actions the server would allow are offered. The server stays the judge.
 */
export const BATCH_PAGE_ROLES = [
  'system_admin',
  'ministry_officer',
  'province_officer',
  'city_reviewer',
  'city_approver',
] as const satisfies readonly Role[];

/** Roles that set each step of the cascade (deadlineSetterRoles on the server). */
const SETTERS: Record<DeadlineKind, readonly Role[]> = {
  province: ['system_admin', 'ministry_officer'],
  city: ['province_officer', 'system_admin'],
  applicant: ['city_reviewer', 'city_approver'],
};

export interface BatchPermissions {
  canManage: boolean;
  canSet: (kind: DeadlineKind, scopeOrgId: string | null) => boolean;
  canExtend: (d: Deadline) => boolean;
  /** Whether the user sets deadlines of this kind at all (for any scope). */
  setsKind: (kind: DeadlineKind) => boolean;
}

export function batchPermissions(user: SessionUser, me: Org | undefined): BatchPermissions {
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  const provinceId = me?.provinceId ?? null;
  const reaches = (kind: DeadlineKind, scope: string | null) =>
    SETTERS[kind].some((role) => {
      if (!user.roles.includes(role)) return false;
      switch (role) {
        case 'ministry_officer':
          return true;
        case 'system_admin':
          if (kind === 'province') return true;
          return user.orgKind === 'ministry' || (provinceId !== null && provinceId === scope);
        case 'province_officer':
          return provinceId !== null && provinceId === scope;
        case 'city_reviewer':
        case 'city_approver':
          return user.orgKind === 'city' && me?.cityId === scope;
        default:
          return false;
      }
    });
  return {
    canManage: has('system_admin'),
    canSet: (kind, scope) => reaches(kind, scope),
    canExtend: (d) => user.orgId === d.setByOrgId && has(...SETTERS[d.kind]),
    setsKind: (kind) => has(...SETTERS[kind]),
  };
}
