import { AppError } from '../../domain/errors.js';
import type { Actor } from '../context.js';
import { hasRole } from './common.js';

/** The Ministry's progress by province is the Ministry's page: every other role is refused (403). */
export function assertMayViewMinistryDashboard(actor: Actor): void {
  if (!hasRole(actor, 'ministry_officer')) throw new AppError('forbidden', '只有科技部用户可以查看各省备案进度');
}
