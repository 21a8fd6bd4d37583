import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';

/** Every kind of notification (in the app, and by e-mail when the user has an address). */
export const NOTIFICATION_KINDS = [
  'returned',
  'declined',
  'recommended',
  'dispatched',
  'received',
  'correction_requested',
  'filed',
  'not_filed',
  'account_approved',
  'expert_assigned',
  'dispatch_to_sign',
  'dispatch_returned',
  'reminder_7d',
  'reminder_1d',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationKindLabels: Record<NotificationKind, string> = {
  returned: '退回修改',
  declined: '不予推荐',
  recommended: '市局推荐',
  dispatched: '已报送',
  received: '已接收',
  correction_requested: '需补正',
  filed: '予以备案',
  not_filed: '不予备案',
  account_approved: '注册通过',
  expert_assigned: '评审任务',
  dispatch_to_sign: '报送批待签发',
  dispatch_returned: '报送批退回',
  reminder_7d: '截止前 7 天提醒',
  reminder_1d: '截止前 1 天提醒',
};

/**
 * The pages notifications point to (paths of the web app; e-mails prefix PUBLIC_BASE_URL).
 * The web app serves each of them.
 */
export const notificationLinks = {
  application: (id: string) => `/applications/${id}`,
  dispatch: (id: string) => `/dispatches/${id}`,
  assignment: (id: string) => `/expert/assignments/${id}`,
  login: () => '/login',
  /** The city bureau's dispatch page (rank, letter, send). */
  cityDispatch: () => '/city/approve',
  /** The province's assessment and dispatch page. */
  provinceDispatch: () => '/province',
};

// ---- requests ----

export const NOTIFICATION_SORTS = ['createdAt'] as const;

export const listNotificationsQuery = z
  .object({
    unreadOnly: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => v === 'true' || v === '1'),
  })
  .extend(pageQuery(NOTIFICATION_SORTS, { sort: 'createdAt', order: 'desc' }).shape);

// ---- responses ----

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  kindLabel: z.string(),
  subject: z.string(),
  body: z.string(),
  /** A path of the web app, e.g. /applications/{id}. */
  link: z.string(),
  applicationId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListResponse = pageResponse(notificationSchema).extend({ unreadCount: z.number() });
export const unreadCountResponse = z.object({ unreadCount: z.number() });
export const notificationReadResponse = z.object({ notification: notificationSchema, unreadCount: z.number() });
export const readAllResponse = z.object({ updated: z.number(), unreadCount: z.number() });
