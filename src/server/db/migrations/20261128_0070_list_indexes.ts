import type { Kysely } from 'kysely';

/**
 * Indexes found by the benchmarks (bench/, issue 7) on 100,000 applications:
 * - Lists page newest first, (updated_at, id) descending, within a scope (city, province) and usually
 *   a status. With (x, status, id) the database read every application of the scope in that status
 *   and sorted them; on SQLite reading updated_at means walking each row's overflow pages, because it
 *   lies after the large content column (a city's "all" tab with a search: 24 ms per request). With
 *   (x, status, updated_at, id) and (x, updated_at, id) the first page is an index range read that
 *   stops after 21 rows; the old (x, status, id) indexes are a prefix of the new ones and go.
 * - pledges by snapshot_id: the detail view looks up the pledge of the current snapshot on every
 *   request (a full scan of all pledges before).
 */
const REPLACED = [
  ['applications_city_status_idx', 'applications_city_status_updated_idx', 'city_id'],
  ['applications_province_status_idx', 'applications_province_status_updated_idx', 'province_id'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [old, name, column] of REPLACED) {
    await db.schema.createIndex(name).on('applications').columns([column, 'status', 'updated_at', 'id']).execute();
    await db.schema.dropIndex(old).execute();
  }
  await db.schema
    .createIndex('applications_status_updated_idx')
    .on('applications')
    .columns(['status', 'updated_at', 'id'])
    .execute();
  await db.schema.dropIndex('applications_status_idx').execute();
  await db.schema
    .createIndex('applications_city_updated_idx')
    .on('applications')
    .columns(['city_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('applications_province_updated_idx')
    .on('applications')
    .columns(['province_id', 'updated_at', 'id'])
    .execute();
  await db.schema.createIndex('pledges_snapshot_idx').on('pledges').column('snapshot_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pledges_snapshot_idx').ifExists().execute();
  await db.schema.dropIndex('applications_province_updated_idx').ifExists().execute();
  await db.schema.dropIndex('applications_city_updated_idx').ifExists().execute();
  await db.schema.createIndex('applications_status_idx').on('applications').columns(['status', 'id']).execute();
  await db.schema.dropIndex('applications_status_updated_idx').ifExists().execute();
  for (const [old, name, column] of REPLACED) {
    await db.schema.createIndex(old).on('applications').columns([column, 'status', 'id']).execute();
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
