import type { Kysely } from 'kysely';

/**
 * 查重: a check that finds sources re-checks their reports too (issue 15), so an application copied
 * later shows the copy in its own report. `source_refresh` = 1 marks such a re-check: it does not
 * re-check further sources in turn (no cascade). A submission's check has 0.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('similarity_reports')
    .addColumn('source_refresh', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('similarity_reports').dropColumn('source_refresh').execute();
}
