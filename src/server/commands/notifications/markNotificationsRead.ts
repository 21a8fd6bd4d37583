import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { countUnread, findNotification, markRead } from '../../repositories/notifications.js';

/**
 * Marks one of the user's notifications read (another user's answers 404), or all of them when no
 * id is given. Reading again changes nothing.
 */
export async function markNotificationsRead(opts: { db: Db; ctx: RequestContext & { actor: Actor }; id?: string }) {
  const { db, ctx, id } = opts;
  const userId = ctx.actor.userId;
  if (id && !(await findNotification(db, userId, id))) throw new AppError('not_found', '通知不存在');
  // Marking one's own notifications read changes no filing data: no audit record (issue 12).
  const updated = await markRead(db, userId, ctx.now, id);
  return {
    updated,
    notification: id ? (await findNotification(db, userId, id))! : null,
    unreadCount: await countUnread(db, userId),
  };
}
