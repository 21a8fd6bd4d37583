import type { Kysely } from 'kysely';

/**
 * 查重 with several instances (issue 15): a later check that finds an application as a source while
 * that application's own check is running (on another instance) cannot mark it pending — the running
 * check would overwrite the mark with its result, computed before the later document was indexed.
 * `recheck_requested` = 1 records the request instead; when the running check ends it is due again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('similarity_reports')
    .addColumn('recheck_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('similarity_reports').dropColumn('recheck_requested').execute();
}
