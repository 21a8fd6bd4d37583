import type { Executor } from '../../db/database.js';
import { listNumbers } from '../../repositories/applications.js';

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
  let max = 0;
  for (const { number } of await listNumbers(db, prefix)) {
    if (!number?.startsWith(prefix)) continue;
    const n = Number(number.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}
