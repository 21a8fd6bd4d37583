import { sql, type Kysely } from 'kysely';

/**
 * Uniqueness the database enforces, so that two simultaneous requests cannot both pass a check:
 * - one pending registration per USCC and per login name (refused registrations do not count, a
 *   refused unit may register again; approved ones have become an org and a user);
 * - one national deadline per batch and kind (the scoped unique index of 0002 does not cover a
 *   null scope, since NULLs are distinct in both SQLite and PostgreSQL).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('registrations_pending_uscc_uq')
    .on('registrations')
    .column('uscc')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('registrations_pending_username_uq')
    .on('registrations')
    .column('username')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('deadlines_national_uq')
    .on('deadlines')
    .columns(['batch_id', 'kind'])
    .unique()
    .where(sql.ref('scope_org_id'), 'is', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deadlines_national_uq').ifExists().execute();
  await db.schema.dropIndex('registrations_pending_username_uq').ifExists().execute();
  await db.schema.dropIndex('registrations_pending_uscc_uq').ifExists().execute();
}
