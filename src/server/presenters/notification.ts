import {
  notificationKindLabels,
  type Notification,
  type NotificationKind,
} from '../../domain/schemas/notifications.js';
import type { NotificationRow } from '../repositories/notifications.js';

export const presentNotification = (n: NotificationRow): Notification => ({
  id: n.id,
  kind: n.kind as NotificationKind,
  kindLabel: notificationKindLabels[n.kind as NotificationKind] ?? n.kind,
  subject: n.subject,
  body: n.body,
  link: n.link,
  applicationId: n.application_id,
  createdAt: n.created_at,
  readAt: n.read_at,
});
