import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));

/** Throws 403 unless the actor holds one of the roles. */
export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('forbidden');
}

/**
 * The part of the organisation tree an administrator or officer oversees: the Ministry sees all,
 * a provincial-level org its province, a city bureau its city, anyone else only its own org.
 */
export type Jurisdiction =
  | { level: 'nation' }
  | { level: 'province'; provinceId: string }
  | { level: 'city'; provinceId: string; cityId: string }
  | { level: 'org'; orgId: string };

export function jurisdictionOf(actor: Actor): Jurisdiction {
  switch (actor.orgKind) {
    case 'ministry':
      return { level: 'nation' };
    case 'province':
    case 'province_dept':
    case 'acceptance_centre':
      return { level: 'province', provinceId: actor.provinceId! };
    case 'city':
      return { level: 'city', provinceId: actor.provinceId!, cityId: actor.cityId! };
    default:
      return { level: 'org', orgId: actor.orgId };
  }
}

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
