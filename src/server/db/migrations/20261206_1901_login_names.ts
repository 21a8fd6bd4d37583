import type { Kysely } from 'kysely';

/**
 * Failed logins under names that belong to no account (issue 17): counted and locked exactly as an
 * account's (users.failed_login_count, users.locked_until), so that the "还可尝试 N 次" hint answers
 * an unknown name as it answers a real one and says nothing about which accounts exist.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_name_failures')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failed_count', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_name_failures_updated_at')
    .on('login_name_failures')
    .column('updated_at')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_name_failures').execute();
}
