import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { countUnread, findNotification, markRead } from '../../repositories/notifications.js';

/**
 * Marks one of the user's notifications read (another user's answers 404), or all of them when no
 * id is given. Reading again changes nothing.
 */
export async function markNotificationsRead(opts: { db: Db; ctx: RequestContext & { actor: Actor }; id?: string }) {
  const { db, ctx, id } = opts;
  const userId = ctx.actor.userId;
  if (id && !(await findNotification(db, userId, id))) throw new AppError('not_found', '通知不存在');
  const updated = await db.transaction().execute(async (trx) => {
    const n = await markRead(trx, userId, ctx.now, id);
    if (n > 0)
      await appendAudit(trx, ctx, {
        action: 'notification.read',
        target: { type: 'notification', id: id ?? '*' },
        summary: { count: n },
      });
    return n;
  });
  return {
    updated,
    notification: id ? (await findNotification(db, userId, id))! : null,
    unreadCount: await countUnread(db, userId),
  };
}
