import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse, idParams } from '../../domain/schemas/common.js';
import {
  listNotificationsQuery,
  notificationListResponse,
  notificationReadResponse,
  readAllResponse,
  unreadCountResponse,
} from '../../domain/schemas/notifications.js';
import { markNotificationsRead } from '../commands/notifications/markNotificationsRead.js';
import { actorCtx, requireActor } from '../plugins/auth.js';
import { presentNotification } from '../presenters/notification.js';
import { countUnread, listNotifications } from '../repositories/notifications.js';

const tags = ['notifications'];

const encodeCursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', '分页游标无效', [
    { path: 'cursor', message: '分页游标无效，请从第一页重新加载' },
  ]);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '本人的通知（最新在前，游标分页）与未读数',
        querystring: listNotificationsQuery,
        response: { 200: notificationListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { cursor, limit, unreadOnly } = req.query;
      const rows = await listNotifications(app.db, {
        userId: actor.userId,
        unreadOnly,
        after: cursor ? decodeCursor(cursor) : undefined,
        limit,
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(presentNotification),
        unreadCount: await countUnread(app.db, actor.userId),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    { schema: { tags, summary: '未读通知数（铃铛）', response: { 200: unreadCountResponse } } },
    async (req) => ({ unreadCount: await countUnread(app.db, requireActor(req).userId) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标记一条通知为已读',
        params: idParams,
        response: { 200: notificationReadResponse, 404: errorResponse },
      },
    },
    async (req) => {
      const r = await markNotificationsRead({ db: app.db, ctx: actorCtx(req), id: req.params.id });
      return { notification: presentNotification(r.notification!), unreadCount: r.unreadCount };
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部标记为已读', response: { 200: readAllResponse } } },
    async (req) => {
      const r = await markNotificationsRead({ db: app.db, ctx: actorCtx(req) });
      return { updated: r.updated, unreadCount: r.unreadCount };
    },
  );
};
export default routes;
