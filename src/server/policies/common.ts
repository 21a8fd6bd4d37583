import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));

/** Throws 403 unless the actor holds one of the roles. */
export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('forbidden');
}

export { jurisdictionOf, type Jurisdiction } from '../../domain/jurisdiction.js';
import type { Jurisdiction } from '../../domain/jurisdiction.js';

/** Whether an org (given its province and city) lies inside a jurisdiction. */
export function orgInJurisdiction(
  j: Jurisdiction,
  org: { id: string; province_id: string | null; city_id: string | null },
): boolean {
  switch (j.level) {
    case 'nation':
      return true;
    case 'province':
      return org.province_id === j.provinceId;
    case 'city':
      return org.city_id === j.cityId;
    case 'org':
      return org.id === j.orgId;
  }
}
