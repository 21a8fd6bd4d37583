import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * PostgreSQL: `audit_chain_head()` takes the audit chain's advisory lock and then reads the last
 * record, in one round trip instead of two (issue 7: an autosave made ten round trips, three of them
 * while holding the lock every audited write in the country waits for). It must be a VOLATILE
 * PL/pgSQL function: in READ COMMITTED each of its statements takes a new snapshot, so the read after
 * the lock sees the record the previous holder committed (a single SELECT that took the lock would
 * read with the snapshot taken before it waited, and fork the chain). SQLite has no such lock (one
 * writer at a time) and nothing to add.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function audit_chain_head() returns table (seq bigint, hash text)
    language plpgsql volatile as $$
      begin
        perform pg_advisory_xact_lock(727274);
        return query select a.seq::bigint, a.hash from audit_log a order by a.seq desc limit 1;
      end $$`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists audit_chain_head()`.execute(db);
}
