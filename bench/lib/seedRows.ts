import type { Insertable } from 'kysely';
import type { Trx } from '../../src/server/db/database.js';
import type { DB } from '../../src/server/db/schema.js';

/** A row to insert into the given table. */
export type Row<T extends keyof DB> = Insertable<DB[T]>;

/** Multi-row INSERTs, in chunks that stay under the drivers' bound-parameter limits. */
export async function insertMany<T extends keyof DB>(trx: Trx, table: T, rows: Row<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(16_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}
