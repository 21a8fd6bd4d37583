import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * Room for autosaves to update in place (issue 12, B1). An autosave changes none of the indexed
 * columns of `applications` (it writes `saved_at`, not `updated_at`: repositories/draftSave.ts), so
 * PostgreSQL can make it a HOT update — no entry in any of the table's eleven indexes — provided
 * the new version of the row fits on the same page. A fill factor of 90 leaves a tenth of each page
 * for that; pages already full gain room as their old versions are pruned. SQLite has no such
 * setting (it updates only the index entries whose columns changed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table applications set (fillfactor = 90)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table applications reset (fillfactor)`.execute(db);
}
