import { AppError } from '../../src/domain/errors.js';
import { roleOrgKinds, type OrgKind, type Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/server/context.js';

/** The applicant unit of a policy test's actors and of the applications inside their reach. */
export const UNIT = 'unit-1';

/**
 * An actor for policy unit tests: one role, in the first kind of organisation that role belongs to,
 * in province `js` and, for a city or an applicant unit, city `nj`. The organisation is `unit-1` for an
 * applicant and `<kind>-1` otherwise, unless `orgId` names it.
 */
export function actorWith(role: Role, opts: { province?: string; orgId?: (orgKind: OrgKind) => string } = {}): Actor {
  const orgKind = roleOrgKinds[role][0]!;
  const province = opts.province ?? 'js';
  return {
    userId: `u-${role}`,
    username: role,
    displayName: role,
    roles: [role],
    orgId: opts.orgId?.(orgKind) ?? (orgKind === 'applicant_unit' ? UNIT : `${orgKind}-1`),
    orgKind,
    provinceId: orgKind === 'ministry' ? null : province,
    cityId: orgKind === 'city' || orgKind === 'applicant_unit' ? 'nj' : null,
  };
}

/** 'ok', or the code of the AppError thrown (anything else thrown fails the test). */
export function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
