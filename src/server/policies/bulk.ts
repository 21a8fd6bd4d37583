import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { bulkActionLabels, type BulkAction } from '../../domain/schemas/bulk.js';
import { TRANSITIONS } from '../../domain/workflow.js';
import type { Actor } from '../context.js';
import { hasRole } from './common.js';

const workflowRoles = (action: BulkAction): readonly Role[] =>
  TRANSITIONS.find((t) => t.action === action)?.roles ?? [];

/** Who may start each bulk action: the roles of the single action it repeats. */
export const bulkActionRoles: Record<BulkAction, readonly Role[]> = {
  recommend: workflowRoles('recommend'),
  accept: workflowRoles('accept'),
  province_recommend: workflowRoles('province_recommend'),
  file: workflowRoles('file'),
  assign_expert: ['province_officer'],
  register_paper_copy: ['acceptance_clerk'],
};

/**
 * A bulk request is refused as a whole (403) when the actor holds none of the action's roles;
 * otherwise every application still goes through the single action's own checks.
 */
export function assertMayStartBulk(actor: Actor, action: BulkAction): void {
  if (!hasRole(actor, ...bulkActionRoles[action]))
    throw new AppError('forbidden', `您的角色不能执行“${bulkActionLabels[action]}”`);
}

/** The bulk actions the actor's roles could take (the web shows only these). */
export const bulkActionsFor = (actor: Actor): BulkAction[] =>
  (Object.keys(bulkActionRoles) as BulkAction[]).filter((a) => hasRole(actor, ...bulkActionRoles[a]));
