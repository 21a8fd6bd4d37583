import type { Kysely } from 'kysely';

/**
 * Applications and integrity, second step:
 * - the list of applications pages by (updated_at, id), newest first;
 * - a pledge names the wording it was signed for (domain/pledges.ts PledgeText.id);
 * - ending a credit record keeps who ended it, when and why;
 * - timeline events carry their order within the application (several may share a timestamp).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_updated_idx').on('applications').columns(['updated_at', 'id']).execute();
  await db.schema.alterTable('pledges').addColumn('text_id', 'text').execute();
  await db.schema.alterTable('credit_records').addColumn('end_reason', 'text').execute();
  await db.schema.alterTable('credit_records').addColumn('ended_by', 'text').execute();
  await db.schema.alterTable('credit_records').addColumn('ended_at', 'text').execute();
  await db.schema.createIndex('conflicts_unit_idx').on('conflicts').column('unit_id').execute();
  await db.schema.alterTable('application_events').addColumn('seq', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_events').dropColumn('seq').execute();
  await db.schema.dropIndex('conflicts_unit_idx').ifExists().execute();
  await db.schema.alterTable('credit_records').dropColumn('ended_at').execute();
  await db.schema.alterTable('credit_records').dropColumn('ended_by').execute();
  await db.schema.alterTable('credit_records').dropColumn('end_reason').execute();
  await db.schema.alterTable('pledges').dropColumn('text_id').execute();
  await db.schema.dropIndex('applications_updated_idx').ifExists().execute();
}
