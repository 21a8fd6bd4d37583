import type { Db } from '../db/database.js';
import { markReminderSent } from '../repositories/notifications.js';
import { reminders } from './messages.js';
import { notify } from './notify.js';
import { reminderKindAt } from './reminders.js';
import { loadAppInfo } from './transitions.js';

/** The end of a Beijing calendar day ('YYYY-MM-DD'): an expert may score until 24:00 that day. */
export const endOfBeijingDay = (day: string) => new Date(`${day}T24:00:00+08:00`);

/**
 * Reminds each expert of an assignment still to score 7 days and 1 day before its review deadline
 * (issue 14 item 10). Idempotent like the other reminders: one reminders_sent row per assignment and
 * deadline, so a changed deadline reminds again.
 */
export async function remindExperts(db: Db, now: Date): Promise<number> {
  const due = await db
    .selectFrom('expert_assignments as ea')
    .innerJoin('users as u', 'u.id', 'ea.expert_id')
    .select(['ea.id', 'ea.application_id', 'ea.due_on', 'ea.expert_id', 'u.email'])
    .where('ea.status', '=', 'assigned')
    .where('ea.due_on', 'is not', null)
    .where('u.status', '=', 'active')
    .execute();
  let sent = 0;
  for (const a of due) {
    const kind = reminderKindAt(endOfBeijingDay(a.due_on!), now);
    if (!kind) continue;
    await db.transaction().execute(async (trx) => {
      const key = { deadlineKey: `assignment:${a.id}@${a.due_on}`, kind, userId: a.expert_id, now };
      if (!(await markReminderSent(trx, key))) return;
      const app = await loadAppInfo(trx, a.application_id);
      if (app)
        sent += await notify(
          trx,
          now,
          [{ id: a.expert_id, email: a.email }],
          reminders.expert(kind, app.info, a.id, a.due_on!),
        );
    });
  }
  return sent;
}
