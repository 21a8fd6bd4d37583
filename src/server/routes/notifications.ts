import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: '本人的通知（最新在前，分页）与未读数',
        querystring: listNotificationsQuery,
        response: { 200: notificationListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { unreadOnly, ...page } = req.query;
      const list = await listNotifications(app.db, { userId: actor.userId, unreadOnly }, page);
      return {
        ...list,
        items: list.items.map(presentNotification),
        unreadCount: await countUnread(app.db, actor.userId),
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
