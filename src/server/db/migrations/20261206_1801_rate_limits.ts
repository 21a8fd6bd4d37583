import type { Kysely } from 'kysely';

/**
 * Shared rate-limit counters (issue 16): one row per limited key and window, so that every instance
 * behind the balancer counts the same requests. Used on PostgreSQL (plugins/rateLimitStore.ts); on
 * SQLite the one instance counts in memory and the table stays empty.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    /** Milliseconds since the epoch at which the window ends. */
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expires_at').on('rate_limits').column('expires_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
