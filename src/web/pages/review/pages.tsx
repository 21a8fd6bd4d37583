import { CONFLICT_ROLES } from '../../../domain/schemas/integrity.js';
import type { RolePage } from '../../routes';
import { ConflictsPage } from './ConflictsPage';

export const CONFLICTS_PATH = '/conflicts';

/** Pages shared by every reviewing role. */
export const reviewPages: RolePage[] = [{ path: CONFLICTS_PATH, roles: CONFLICT_ROLES, element: <ConflictsPage /> }];
