import {
  mayExtendDeadline,
  reachesDeadlineScope,
  setsDeadlineKind,
  type DeadlineSubject,
} from '../../../domain/deadline-rules.js';
import type { Role } from '../../../domain/roles.js';
import type { Deadline, DeadlineKind } from '../../../domain/schemas/batches.js';
import type { Org } from '../../api/types';
import type { SessionUser } from '../../api/session';

/**
 * What the current user may do with batches: the server's own rules (src/domain/deadline-rules.ts,
 * which src/server/policies/batches.ts enforces), so that only the actions it would allow are
 * offered. The server stays the judge.
 */
export const BATCH_PAGE_ROLES = [
  'ministry_officer',
  'province_officer',
  'city_reviewer',
  'city_approver',
] as const satisfies readonly Role[];

export interface BatchPermissions {
  canManage: boolean;
  canSet: (kind: DeadlineKind, scopeOrgId: string | null) => boolean;
  canExtend: (d: Deadline) => boolean;
  /** Whether the user sets deadlines of this kind at all (for any scope). */
  setsKind: (kind: DeadlineKind) => boolean;
}

export function batchPermissions(user: SessionUser, me: Org | undefined): BatchPermissions {
  const subject: DeadlineSubject = {
    roles: user.roles,
    orgId: user.orgId,
    orgKind: user.orgKind,
    provinceId: me?.provinceId ?? null,
    cityId: me?.cityId ?? null,
  };
  return {
    canManage: user.roles.includes('province_officer'),
    canSet: (kind, scope) => reachesDeadlineScope(subject, kind, scope),
    canExtend: (d) => mayExtendDeadline(subject, d),
    setsKind: (kind) => setsDeadlineKind(subject, kind),
  };
}
