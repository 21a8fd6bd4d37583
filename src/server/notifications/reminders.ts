import { DAY } from '../clock.js';
import type { Db, Executor } from '../db/database.js';
import { deadlineInForceRow, findDeadline } from '../repositories/deadlines.js';
import { applicantsToRemind, markReminderSent, usersInProvince, usersOfOrg } from '../repositories/notifications.js';
import { reminders, type AppInfo, type ReminderKind } from './messages.js';
import { notify, type NotificationContent, type Recipient } from './notify.js';

/**
 * Reminders 7 days and 1 day before each deadline, to whoever still has work due:
 * - applicants with a draft or returned application, before their city's applicant deadline;
 * - city reviewers and approvers whose city has recommended applications not yet sent, before the
 *   city → province deadline;
 * - province officers whose province has province-recommended applications not yet sent, before the
 *   province → Ministry deadline.
 * Idempotent: reminders_sent holds one row per deadline (id and due date, so an extended deadline
 * reminds again), kind and user, written in the same transaction as the notification.
 */

/** Which reminder is due now for a deadline: within a day the 1-day one, within 7 days the 7-day one. */
export function reminderKindAt(dueAt: Date, now: Date): ReminderKind | null {
  const ms = dueAt.getTime() - now.getTime();
  if (ms <= 0) return null;
  if (ms <= DAY) return 'reminder_1d';
  if (ms <= 7 * DAY) return 'reminder_7d';
  return null;
}

type DeadlineRow = NonNullable<Awaited<ReturnType<typeof findDeadline>>>;
const deadlineKey = (d: DeadlineRow) => `${d.id}@${d.due_at}`;

/** Sends one reminder to each recipient who has not had it yet; returns how many were sent. */
async function remind(
  db: Db,
  now: Date,
  deadline: DeadlineRow,
  kind: ReminderKind,
  recipients: Recipient[],
  content: NotificationContent,
): Promise<number> {
  let sent = 0;
  for (const r of recipients) {
    await db.transaction().execute(async (trx) => {
      if (!(await markReminderSent(trx, { deadlineKey: deadlineKey(deadline), kind, userId: r.id, now }))) return;
      sent += await notify(trx, now, [r], content);
    });
  }
  return sent;
}

const orgShortName = async (db: Executor, id: string) => {
  const o = await db.selectFrom('orgs').select(['name', 'short_name']).where('id', '=', id).executeTakeFirst();
  return o?.short_name ?? o?.name ?? '';
};

async function remindApplicants(db: Db, now: Date, batch: { id: string; name: string }): Promise<number> {
  // City by city: a pass on a deadline day meets tens of thousands of drafts, nearly all reminded
  // already. Asking for those still to remind, per city, with an indexed NOT EXISTS keeps each query
  // small and opens a transaction only where a reminder is due (bench/, issue 7: going over every
  // draft with a query and a transaction each held the server for seconds).
  const cities = await db.selectFrom('orgs').select(['id', 'province_id']).where('kind', '=', 'city').execute();
  let sent = 0;
  for (const city of cities) {
    const deadline = await deadlineInForceRow(db, batch.id, 'applicant', {
      cityId: city.id,
      provinceId: city.province_id,
    });
    if (!deadline) continue;
    const dueAt = new Date(deadline.due_at);
    const kind = reminderKindAt(dueAt, now);
    if (!kind) continue;
    const rows = await applicantsToRemind(db, {
      batchId: batch.id,
      cityId: city.id,
      deadlineKey: deadlineKey(deadline),
      kind,
    });
    for (const a of rows) {
      const info: AppInfo = {
        id: a.id,
        spaceName: a.space_name,
        number: a.number,
        unitName: a.unit_name,
        cityName: a.city_short_name ?? a.city_org_name,
        cityOrgName: a.city_org_name,
        batchName: batch.name,
      };
      const content = reminders.applicant(kind, info, dueAt, a.status as 'draft' | 'returned');
      sent += await remind(db, now, deadline, kind, [{ id: a.user_id, email: a.email }], content);
    }
  }
  return sent;
}

async function remindCities(db: Db, now: Date, batch: { id: string; name: string }): Promise<number> {
  const rows = await db
    .selectFrom('applications')
    .select(['city_id', 'province_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batch.id)
    .where('status', '=', 'recommended')
    .groupBy(['city_id', 'province_id'])
    .execute();
  let sent = 0;
  for (const r of rows) {
    const deadline = await findDeadline(db, batch.id, 'city', r.province_id);
    if (!deadline) continue;
    const dueAt = new Date(deadline.due_at);
    const kind = reminderKindAt(dueAt, now);
    if (!kind) continue;
    const content = reminders.city(
      kind,
      { cityName: await orgShortName(db, r.city_id), batchName: batch.name, count: Number(r.n) },
      dueAt,
    );
    const staff = await usersOfOrg(db, r.city_id, ['city_reviewer', 'city_approver']);
    sent += await remind(db, now, deadline, kind, staff, content);
  }
  return sent;
}

async function remindProvinces(db: Db, now: Date, batch: { id: string; name: string }): Promise<number> {
  const deadline = await findDeadline(db, batch.id, 'province', null);
  if (!deadline) return 0;
  const dueAt = new Date(deadline.due_at);
  const kind = reminderKindAt(dueAt, now);
  if (!kind) return 0;
  const rows = await db
    .selectFrom('applications')
    .select(['province_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batch.id)
    .where('status', '=', 'province_recommended')
    .groupBy('province_id')
    .execute();
  let sent = 0;
  for (const r of rows) {
    const content = reminders.province(
      kind,
      { provinceName: await orgShortName(db, r.province_id), batchName: batch.name, count: Number(r.n) },
      dueAt,
    );
    const officers = await usersInProvince(db, r.province_id, ['province_officer']);
    sent += await remind(db, now, deadline, kind, officers, content);
  }
  return sent;
}

/** One run of the reminder job over every open batch; returns the number of reminders sent. */
export async function runReminders(db: Db, now: Date): Promise<number> {
  const batches = await db.selectFrom('batches').select(['id', 'name']).where('status', '=', 'open').execute();
  let sent = 0;
  for (const b of batches) {
    sent += await remindApplicants(db, now, b);
    sent += await remindCities(db, now, b);
    sent += await remindProvinces(db, now, b);
  }
  return sent;
}
