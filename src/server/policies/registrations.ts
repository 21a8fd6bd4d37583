import { AppError } from '../../domain/errors.js';
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

/** The city whose unit registrations the actor reviews: a city reviewer of a city bureau (403 otherwise). */
export function registrationCityOf(actor: Actor): string {
  if (!hasRole(actor, 'city_reviewer') || actor.orgKind !== 'city' || !actor.cityId) throw new AppError('forbidden');
  return actor.cityId;
}

/**
 * One registration: only a city reviewer (403 otherwise), and only of the registration's city (404
 * otherwise, like a registration that does not exist).
 */
export function authorizeRegistrationAccess<R extends { city_id: string | null }>(actor: Actor, reg: R | undefined): R {
  if (!hasRole(actor, 'city_reviewer')) throw new AppError('forbidden');
  if (!reg || actor.orgKind !== 'city' || reg.city_id !== actor.cityId)
    throw new AppError('not_found', '注册申请不存在');
  return reg;
}

/** What the registrant itself (no account yet) may do with its registration's 营业执照. */
export type OwnRegistrationAction = 'view_licence' | 'replace_licence';

/**
 * The registrant's own actions: it sees the licence it uploaded while its registration is pending or
 * refused (a refused unit re-registers with a new one), and replaces it only while the city has not
 * decided. Sent to the web app as allowedActions.
 */
export function ownRegistrationActions(reg: {
  status: string;
  licence_sha256?: string | null;
}): OwnRegistrationAction[] {
  const actions: OwnRegistrationAction[] = [];
  if (reg.licence_sha256 && (reg.status === 'pending' || reg.status === 'refused')) actions.push('view_licence');
  if (reg.status === 'pending') actions.push('replace_licence');
  return actions;
}

export const LICENCE_DECIDED = '注册申请已审核，不能再更换营业执照；未通过的，请重新注册并上传营业执照';

/** Replacing the licence: only while the registration awaits its city's decision (409 otherwise). */
export function authorizeLicenceReplacement(reg: { status: string; licence_sha256?: string | null }): void {
  if (!ownRegistrationActions(reg).includes('replace_licence'))
    throw new AppError('invalid_transition', LICENCE_DECIDED);
}
