import type { Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import { hasRole, jurisdictionOf, orgInJurisdiction } from './common.js';

/** Who may see a registration's 营业执照: the officials who review it, and the admins over them. */
const CITY_ROLES: Role[] = ['city_reviewer', 'city_approver'];
const PROVINCE_ROLES: Role[] = ['province_officer', 'province_approver'];
const ADMIN_ROLES: Role[] = ['system_admin', 'security_admin'];

/**
 * Whether the actor may open a registration's licence: the city bureau of the registration (reviewer,
 * approver), the province's officials, and the system and security admins of a jurisdiction that
 * holds the city. Nobody else — an applicant, an expert, another city or province — learns that it
 * exists (the caller answers 404).
 */
export function canSeeRegistrationLicence(actor: Actor, reg: { city_id: string; province_id: string | null }): boolean {
  const j = jurisdictionOf(actor);
  const cityOrg = { id: reg.city_id, city_id: reg.city_id, province_id: reg.province_id };
  if (hasRole(actor, ...CITY_ROLES) && j.level === 'city' && j.cityId === reg.city_id) return true;
  if (hasRole(actor, ...PROVINCE_ROLES) && j.level === 'province' && j.provinceId === reg.province_id) return true;
  if (hasRole(actor, ...ADMIN_ROLES) && (j.level === 'nation' || j.level === 'province'))
    return orgInJurisdiction(j, cityOrg);
  return false;
}
