import type { RegistrationSort, RegistrationStatus } from '../../../domain/schemas/registrations.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorizeRegistrationAccess, registrationCityOf } from '../../policies/registrations.js';
import { findRegistration, listRegistrations } from '../../repositories/registrations.js';
import type { PageRequest } from '../pagination.js';

/** The unit registrations of the city reviewer's city, filtered and paged (403 for anyone else). */
export function listCityRegistrations(
  db: Executor,
  actor: Actor,
  filter: { status: RegistrationStatus | 'all'; q?: string },
  page: PageRequest<RegistrationSort>,
) {
  const cityId = registrationCityOf(actor);
  return listRegistrations(
    db,
    { cityId, status: filter.status === 'all' ? undefined : filter.status, q: filter.q },
    page,
  );
}

/** One registration of the city reviewer's city (403 for anyone else, 404 for another city's). */
export async function getCityRegistration(db: Executor, actor: Actor, id: string) {
  return authorizeRegistrationAccess(actor, await findRegistration(db, id));
}
