import type { Executor } from '../db/database.js';

/** The failures counted against a name that belongs to no account, or none. */
export const findLoginNameFailures = (db: Executor, username: string) =>
  db.selectFrom('login_name_failures').selectAll().where('username', '=', username).executeTakeFirst();

/**
 * Stores the count and lock of a name without an account, and forgets names whose last failure is
 * older than `forgetBefore` (their count would have been reset by then), so guessed names do not pile up.
 */
export async function saveLoginNameFailures(
  db: Executor,
  row: { username: string; failed_count: number; locked_until: string | null; updated_at: string },
  forgetBefore: string,
): Promise<void> {
  await db.deleteFrom('login_name_failures').where('updated_at', '<', forgetBefore).execute();
  await db
    .insertInto('login_name_failures')
    .values(row)
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failed_count: row.failed_count,
        locked_until: row.locked_until,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
