import type { TestEnv } from './env.js';

/** End of a day in Beijing time, as the API stores it (ISO, UTC). */
export const endOfDay = (day: string) => new Date(`${day}T23:59:59+08:00`).toISOString();

/** Row counts and deadline rows of a suite's database, read directly (what the API wrote or left alone). */
export function batchRows(env: () => TestEnv) {
  const countRows = async (table: 'batches' | 'deadlines' | 'deadline_extensions') =>
    Number(
      (
        await env()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deadlineRow = (id: string) =>
    env().db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { countRows, deadlineRow };
}
