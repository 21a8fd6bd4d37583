import type { Executor } from '../db/database.js';
import type { ApplicationScope } from '../policies/applications.js';
import { inScope } from './applicationList.js';

/** Of the given applications, those within the scope (the same clause as the list's), with their cities. */
export const selectedInScope = (db: Executor, scope: ApplicationScope, ids: readonly string[]) =>
  db
    .selectFrom('applications')
    .select(['applications.id', 'applications.city_id'])
    .where('applications.id', 'in', [...ids])
    .where((eb) => inScope(eb, scope))
    .execute();
