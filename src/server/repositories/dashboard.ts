import type { Executor } from '../db/database.js';
import type { ApplicationScope } from '../policies/applications.js';
import { inScope } from './applications.js';

/** Applications within the scope, counted by status. */
export const countByStatus = (db: Executor, scope: ApplicationScope, batchId?: string) =>
  db
    .selectFrom('applications')
    .select(['applications.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => inScope(eb, scope))
    .$if(!!batchId, (q) => q.where('applications.batch_id', '=', batchId!))
    .groupBy('applications.status')
    .execute();

/** A province's applications counted by city and status. */
export const countByCityStatus = (db: Executor, provinceId: string, batchId?: string) =>
  db
    .selectFrom('applications')
    .select(['city_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('province_id', '=', provinceId)
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy(['city_id', 'status'])
    .execute();

/** A province's applications in the given statuses counted by operator nature (unknown ones left out). */
export const countByOperatorNature = (
  db: Executor,
  provinceId: string,
  statuses: readonly string[],
  batchId?: string,
) =>
  db
    .selectFrom('applications')
    .select(['operator_nature', (eb) => eb.fn.countAll<number>().as('n')])
    .where('province_id', '=', provinceId)
    .where('status', 'in', [...statuses])
    .where('operator_nature', 'is not', null)
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy('operator_nature')
    .execute();

/**
 * The main fields (JSON arrays) of a province's applications in the given statuses, grouped by the
 * identical array so that the caller's one pass sees each distinct combination once.
 */
export const mainFieldArrays = (db: Executor, provinceId: string, statuses: readonly string[], batchId?: string) =>
  db
    .selectFrom('applications')
    .select(['main_fields', (eb) => eb.fn.countAll<number>().as('n')])
    .where('province_id', '=', provinceId)
    .where('status', 'in', [...statuses])
    .where('main_fields', 'is not', null)
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy('main_fields')
    .execute();

/** The city bureaus of a province in official order. */
export const citiesOf = (db: Executor, provinceId: string) =>
  db
    .selectFrom('orgs')
    .select(['id', 'name', 'short_name'])
    .where('kind', '=', 'city')
    .where('province_id', '=', provinceId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();

export async function countPendingRegistrations(db: Executor, cityId: string): Promise<number> {
  const r = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('city_id', '=', cityId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Sent, not yet received dispatches of a level (city → the province's acceptance centre; province → the Ministry). */
export async function countDispatchesToReceive(
  db: Executor,
  level: 'city' | 'province',
  provinceId: string | null,
  batchId?: string,
): Promise<number> {
  const r = await db
    .selectFrom('dispatches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', level)
    .where('status', '=', 'sent')
    .$if(provinceId !== null, (q) => q.where('province_id', '=', provinceId!))
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const countAssignmentsByStatus = (db: Executor, expertId: string, batchId?: string) =>
  db
    .selectFrom('expert_assignments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('expert_id', '=', expertId)
    .$if(!!batchId, (q) => q.where('batch_id', '=', batchId!))
    .groupBy('status')
    .execute();
