import { randomUUID } from 'node:crypto';
import type { NotificationKind } from '../../domain/schemas/notifications.js';
import type { Executor } from '../db/database.js';
import { activeUsers, insertNotification, insertOutbox } from '../repositories/notifications.js';

/** One notification's content: a Chinese subject and body, and the path of the page it concerns. */
export interface NotificationContent {
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string;
  applicationId?: string | null;
}

export interface Recipient {
  id: string;
  email: string | null;
}

/**
 * Writes the notification for each recipient (once per user) and, for those with an e-mail address,
 * an e-mail in the outbox — in the caller's transaction, so that the event and its notifications
 * commit or roll back together. Returns the number of notifications written.
 */
export async function notify(
  trx: Executor,
  now: Date,
  recipients: readonly Recipient[],
  content: NotificationContent,
): Promise<number> {
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const id = randomUUID();
    await insertNotification(trx, {
      id,
      userId: r.id,
      kind: content.kind,
      subject: content.subject,
      body: content.body,
      link: content.link,
      applicationId: content.applicationId ?? null,
      now,
    });
    const email = r.email?.trim();
    if (email) {
      await insertOutbox(trx, {
        id: randomUUID(),
        notificationId: id,
        to: email,
        subject: content.subject,
        body: content.body,
        link: content.link,
        now,
      });
    }
  }
  return seen.size;
}

/** notify() for users given by id (their addresses looked up; inactive users skipped). */
export async function notifyUserIds(
  trx: Executor,
  now: Date,
  userIds: string[],
  content: NotificationContent,
): Promise<number> {
  return notify(trx, now, await activeUsers(trx, userIds), content);
}
