import { AppError } from '../../domain/errors.js';
import type { Actor } from '../context.js';

/** Only the Ministry publishes a batch's decisions, and sees what is pending publication. */
export function authorizePublication(actor: Actor): void {
  if (!actor.roles.includes('ministry_officer')) throw new AppError('forbidden', '只有科技部业务司局可以公布备案名单');
}
