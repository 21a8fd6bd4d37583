import { ROLES } from '../../../domain/roles.js';
import { CONFLICT_ROLES } from '../../../domain/schemas/integrity.js';
import { NOTIFICATIONS_PATH } from '../../components/Bell';
import type { RolePage } from '../../routes';
import { ConflictsPage } from './ConflictsPage';
import { NotificationsPage } from './NotificationsPage';
import { linkRedirects } from './redirects';

export const CONFLICTS_PATH = '/conflicts';

/** Pages shared by every reviewing role. */
export const reviewPages: RolePage[] = [
  { path: CONFLICTS_PATH, roles: CONFLICT_ROLES, element: <ConflictsPage /> },
  { path: NOTIFICATIONS_PATH, roles: ROLES, element: <NotificationsPage /> },
  ...linkRedirects,
];
