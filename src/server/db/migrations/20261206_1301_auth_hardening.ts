import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, item 7 (guessing):
 * - sessions.failed_password_checks counts wrong current passwords given to the password change;
 *   the fifth ends the session.
 * - A pending registration no longer reserves its login name with a unique index: the index made a
 *   second registration under a taken name fail, which told anyone that the name exists. Whether the
 *   name is free is decided when the city approves (approveRegistration checks the accounts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('failed_password_checks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropIndex('registrations_pending_username_uq').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('registrations_pending_username_uq')
    .on('registrations')
    .column('username')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.alterTable('sessions').dropColumn('failed_password_checks').execute();
}
