import type { Kysely } from 'kysely';

/**
 * 查重 checks as background jobs (issue 15): a report row is written "pending" when an application is
 * submitted; the job claims it ("running"), and a failed check is retried a bounded number of times
 * (attempts, next_attempt_at) before the report reads "failed" with its error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('similarity_reports')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('similarity_reports').addColumn('next_attempt_at', 'text').execute();
  await db.schema
    .createIndex('similarity_reports_due_idx')
    .on('similarity_reports')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('similarity_reports_due_idx').execute();
  await db.schema.alterTable('similarity_reports').dropColumn('next_attempt_at').execute();
  await db.schema.alterTable('similarity_reports').dropColumn('attempts').execute();
}
