import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { dispatchBulkActionLabels, type DispatchBulkAction } from '../../domain/schemas/dispatchBulk.js';
import { DISPATCH_TRANSITIONS } from '../../domain/workflow.js';
import type { Actor } from '../context.js';
import { hasRole } from './common.js';

/** Who may start each bulk action on dispatches: the roles of the single action it repeats. */
export const dispatchBulkActionRoles: Record<DispatchBulkAction, readonly Role[]> = {
  receive: [...new Set(DISPATCH_TRANSITIONS.filter((t) => t.action === 'receive').flatMap((t) => t.roles))],
};

/**
 * A bulk request is refused as a whole (403) when the actor holds none of the action's roles;
 * otherwise every dispatch still goes through the single action's own checks.
 */
export function assertMayStartDispatchBulk(actor: Actor, action: DispatchBulkAction): void {
  if (!hasRole(actor, ...dispatchBulkActionRoles[action]))
    throw new AppError('forbidden', `您的角色不能执行“${dispatchBulkActionLabels[action]}”`);
}

/** The bulk actions on dispatches the actor's roles could take (the web offers only these). */
export const dispatchBulkActionsFor = (actor: Actor): DispatchBulkAction[] =>
  (Object.keys(dispatchBulkActionRoles) as DispatchBulkAction[]).filter((a) =>
    hasRole(actor, ...dispatchBulkActionRoles[a]),
  );
