import type { Executor } from '../db/database.js';
import { countAll, orderBySort, paginate, type PageRequest } from '../queries/pagination.js';

// ---- recipients ----

/** Active users of an organisation holding one of the roles, with their e-mail addresses. */
export const usersOfOrg = (db: Executor, orgId: string, roles: readonly string[]) =>
  db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email'])
    .distinct()
    .where('users.org_id', '=', orgId)
    .where('user_roles.role', 'in', [...roles])
    .where('users.status', '=', 'active')
    .execute();

/**
 * The active applicant accounts of units with a draft or returned application in a city and batch
 * that have not had the reminder of that deadline and kind yet, with what the reminder names.
 */
export const applicantsToRemind = (
  db: Executor,
  r: { batchId: string; cityId: string; deadlineKey: string; kind: string },
) =>
  db
    .selectFrom('applications as a')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('users as u', 'u.org_id', 'a.unit_id')
    .select([
      'a.id',
      'a.status',
      'a.space_name',
      'a.number',
      'unit.name as unit_name',
      'city.name as city_org_name',
      'city.short_name as city_short_name',
      'u.id as user_id',
      'u.email',
    ])
    .where('a.city_id', '=', r.cityId)
    .where('a.batch_id', '=', r.batchId)
    .where('a.status', 'in', ['draft', 'returned'])
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'u.id')
          .where('user_roles.role', '=', 'applicant'),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reminders_sent')
            .select('reminders_sent.user_id')
            .whereRef('reminders_sent.user_id', '=', 'u.id')
            .where('reminders_sent.deadline_key', '=', r.deadlineKey)
            .where('reminders_sent.kind', '=', r.kind),
        ),
      ),
    )
    .orderBy('a.id')
    .orderBy('u.id')
    .execute();

/** Active users holding one of the roles in any organisation of a province (or anywhere, for null). */
export const usersInProvince = (db: Executor, provinceId: string | null, roles: readonly string[]) =>
  db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.email'])
    .distinct()
    .where('user_roles.role', 'in', [...roles])
    .where('users.status', '=', 'active')
    .$if(provinceId !== null, (q) => q.where('orgs.province_id', '=', provinceId!))
    .execute();

/** The users (with their e-mail addresses) among the ids given that are active. */
export const activeUsers = (db: Executor, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).where('status', '=', 'active').execute();

// ---- notifications ----

export const insertNotification = (
  db: Executor,
  n: {
    id: string;
    userId: string;
    kind: string;
    subject: string;
    body: string;
    link: string;
    applicationId: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('notifications')
    .values({
      id: n.id,
      user_id: n.userId,
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      link: n.link,
      application_id: n.applicationId,
      created_at: n.now.toISOString(),
      read_at: null,
    })
    .execute();

const notificationsOf = (db: Executor, f: { userId: string; unreadOnly: boolean }) =>
  db
    .selectFrom('notifications')
    .where('user_id', '=', f.userId)
    .$if(f.unreadOnly, (q) => q.where('read_at', 'is', null));

/** One page of a user's notifications (newest first by default), with the total. */
export const listNotifications = (
  db: Executor,
  f: { userId: string; unreadOnly: boolean },
  req: PageRequest<'createdAt'>,
) =>
  paginate(req, {
    rows: (limit, offset) =>
      orderBySort(notificationsOf(db, f).selectAll(), req, { createdAt: ['created_at'] }, ['id'])
        .limit(limit)
        .offset(offset)
        .execute(),
    count: async () => (await notificationsOf(db, f).select(countAll()).executeTakeFirstOrThrow()).n,
  });
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>['items'][number];

export const findNotification = (db: Executor, userId: string, id: string) =>
  db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks unread notifications read (one, or all of the user's); returns how many changed. */
export async function markRead(db: Executor, userId: string, now: Date, id?: string): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(!!id, (q) => q.where('id', '=', id!))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- e-mail outbox ----

export const insertOutbox = (
  db: Executor,
  m: {
    id: string;
    notificationId: string | null;
    to: string;
    subject: string;
    body: string;
    link: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('email_outbox')
    .values({
      id: m.id,
      notification_id: m.notificationId,
      to_address: m.to,
      subject: m.subject,
      body: m.body,
      link: m.link,
      status: 'pending',
      attempts: 0,
      next_attempt_at: m.now.toISOString(),
      last_attempt_at: null,
      last_error: null,
      created_at: m.now.toISOString(),
      sent_at: null,
    })
    .execute();

/** Pending e-mails whose next attempt is due, oldest first. */
export const dueOutbox = (db: Executor, now: Date, limit: number) =>
  db
    .selectFrom('email_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
export type OutboxRow = Awaited<ReturnType<typeof dueOutbox>>[number];

/**
 * Takes an e-mail for sending: moves its next attempt to `leaseUntil` only if nobody else took it
 * since it was read (another sender, another server). Returns whether this sender holds it.
 */
export async function claimOutbox(db: Executor, row: OutboxRow, now: Date, leaseUntil: Date): Promise<boolean> {
  const res = await db
    .updateTable('email_outbox')
    .set({ next_attempt_at: leaseUntil.toISOString(), last_attempt_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const finishOutbox = (
  db: Executor,
  id: string,
  r: {
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    nextAttemptAt: Date;
    error: string | null;
    sentAt: Date | null;
  },
) =>
  db
    .updateTable('email_outbox')
    .set({
      status: r.status,
      attempts: r.attempts,
      next_attempt_at: r.nextAttemptAt.toISOString(),
      last_error: r.error,
      sent_at: r.sentAt?.toISOString() ?? null,
    })
    .where('id', '=', id)
    .execute();

// ---- reminders ----

/** Records a reminder as sent; false when it was already (the primary key refuses a second row). */
export async function markReminderSent(
  db: Executor,
  r: { deadlineKey: string; kind: string; userId: string; now: Date },
): Promise<boolean> {
  const res = await db
    .insertInto('reminders_sent')
    .values({ deadline_key: r.deadlineKey, kind: r.kind, user_id: r.userId, sent_at: r.now.toISOString() })
    .onConflict((oc) => oc.columns(['deadline_key', 'kind', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}
