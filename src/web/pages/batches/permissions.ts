import type { Role } from '../../../domain/roles.js';
import type { Batch, Deadline, DeadlineKind } from '../../../domain/schemas/batches.js';

/**
 * What the current user may do with a batch, as the server sends it (`allowedActions` of the batch
 * and of each deadline, `deadlineScopes`; src/server/policies/batches.ts decides). The web app only
 * offers what these allow.
 */
export const BATCH_PAGE_ROLES = [
  'ministry_officer',
  'province_officer',
  'city_reviewer',
  'city_approver',
] as const satisfies readonly Role[];

export interface BatchPermissions {
  canManage: boolean;
  /** Whether a deadline may be set now for this step and scope. */
  canSet: (kind: DeadlineKind, scopeOrgId: string | null) => boolean;
  canExtend: (d: Deadline) => boolean;
  /** Whether the user sets the deadline of this step and scope (open batch or not). */
  setsScope: (kind: DeadlineKind, scopeOrgId: string | null) => boolean;
}

export function batchPermissions(batch: Batch): BatchPermissions {
  const setsScope = (kind: DeadlineKind, scopeOrgId: string | null) =>
    batch.deadlineScopes.some((s) => s.kind === kind && s.scopeOrgId === scopeOrgId);
  return {
    canManage: batch.allowedActions.includes('edit'),
    canSet: (kind, scope) => batch.allowedActions.includes('set_deadline') && setsScope(kind, scope),
    canExtend: (d) => d.allowedActions.includes('extend'),
    setsScope,
  };
}
