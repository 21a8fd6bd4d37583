import { PostgresAdapter } from 'kysely';
import type { Trx } from '../db/database.js';

/**
 * Locks a row for the rest of the transaction, so that a count-then-insert under it cannot be
 * interleaved (issue 11: 50 parallel uploads left 65 files on a 50-file application). PostgreSQL:
 * SELECT … FOR UPDATE. SQLite: the one connection runs one transaction at a time, which already
 * serialises the writers; the select only says whether the row exists.
 */
export async function lockRow(trx: Trx, table: 'applications' | 'field_visits', id: string): Promise<boolean> {
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .$if(postgres, (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row !== undefined;
}
