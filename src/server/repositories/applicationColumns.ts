import type { Executor } from '../db/database.js';

/** The columns of an application read with its unit, city and batch names (detail and list). */
export const DETAIL_COLUMNS = [
  'applications.id',
  'applications.batch_id',
  'applications.unit_id',
  'applications.city_id',
  'applications.province_id',
  'applications.status',
  'applications.version',
  'applications.number',
  'applications.space_name',
  'applications.uscc',
  'applications.current_snapshot_id',
  'applications.submitted_at',
  'applications.created_at',
  'applications.updated_at',
  'applications.saved_at',
  'applications.saved_by',
  'unit.name as unit_name',
  'city.name as city_name',
  'batches.name as batch_name',
  'batches.year as batch_year',
] as const;

export function withNames(db: Executor) {
  return db
    .selectFrom('applications')
    .innerJoin('orgs as unit', 'unit.id', 'applications.unit_id')
    .innerJoin('orgs as city', 'city.id', 'applications.city_id')
    .innerJoin('batches', 'batches.id', 'applications.batch_id');
}
