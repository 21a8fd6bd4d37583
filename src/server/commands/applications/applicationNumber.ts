import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { listNumbers } from '../../repositories/applications.js';

/** Namespace of the advisory locks that serialise numbering (the second key is the prefix's hash). */
const NUMBER_LOCK = 727275;

/**
 * The next application number (申报编号) of a city in a batch: "<batch year>-<city region code>-<4-digit
 * sequence>", e.g. 2020-320100-0007. The sequence runs per city and batch year (a year normally has
 * one batch; should it have two, their numbers still never collide). Two simultaneous submissions may
 * compute the same number; the unique index refuses the second, whose transaction is then retried.
 */
export async function nextApplicationNumber(
  db: Executor,
  a: { batchYear: number; cityRegionCode: string },
): Promise<string> {
  const prefix = `${a.batchYear}-${a.cityRegionCode}-`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // On a deadline day dozens of a city's applicants submit at once: all read the same highest
    // number, one wins and the others retry, and five attempts were not enough (bench, issue 7: 10%
    // of 1,000 simultaneous submissions failed). One transaction at a time per city and year takes
    // a number; the lock ends with the transaction, whose number the next one then sees. (SQLite
    // runs one transaction at a time anyway.)
    await sql`select pg_advisory_xact_lock(${NUMBER_LOCK}, hashtext(${prefix}))`.execute(db);
  }
  let max = 0;
  for (const { number } of await listNumbers(db, prefix)) {
    if (!number?.startsWith(prefix)) continue;
    const n = Number(number.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}
