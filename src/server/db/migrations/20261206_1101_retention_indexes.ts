import type { Kysely } from 'kysely';

/**
 * The retention job (src/server/retention.ts) deletes sessions by last_seen_at and idempotency keys
 * by created_at every hour; without these indexes each pass would read both tables whole.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sessions_last_seen_idx').on('sessions').column('last_seen_at').execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_created_idx').execute();
  await db.schema.dropIndex('sessions_last_seen_idx').execute();
}
