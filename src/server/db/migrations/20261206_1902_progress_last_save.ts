import { sql, type Kysely } from 'kysely';

/**
 * Where the applicant stands (issue 14 item 9): the save status shows the unit's own last save of the
 * working copy, not the last change of the row (a return or an acceptance also moves updated_at).
 * Drafts never touched by anyone else start from their updated_at.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('saved_at', 'text').execute();
  await db.schema.alterTable('applications').addColumn('saved_by', 'text').execute();
  await sql`update applications set saved_at = updated_at, saved_by = created_by where status = 'draft'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('saved_by').execute();
  await db.schema.alterTable('applications').dropColumn('saved_at').execute();
}
