import { AppError } from '../../domain/errors.js';
import type { Actor } from '../context.js';
import { hasRole } from './common.js';

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
