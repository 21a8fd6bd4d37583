import { AppError } from '../../domain/errors.js';
import type { ApplicationStatus } from '../../domain/workflow.js';
import type { Actor } from '../context.js';
import { roleReaches, type ApplicationRef } from './applications.js';
import { hasRole } from './common.js';

/** The statuses in which the city reviews an application (and its checklist may change). */
export const CITY_REVIEW_STATUSES: readonly ApplicationStatus[] = ['submitted', 'correction_requested'];

/** The statuses in which the acceptance centre checks the package received (形式审查). */
export const ACCEPTANCE_REVIEW_STATUSES: readonly ApplicationStatus[] = ['dispatched_to_province'];

/** The applicant unit does not see the authorities' review notes. */
export function assertMaySeeChecklist(actor: Actor, app: ApplicationRef): void {
  const authority = actor.roles.some((r) => r !== 'applicant' && roleReaches(r, actor, app));
  if (!authority && !hasRole(actor, 'expert')) throw new AppError('forbidden', '申报单位不能查看审核记录');
}

/**
 * A city reviewer of the application's city, not of the applicant unit and without a declared
 * conflict, while the city reviews it.
 */
export function checklistEditable(actor: Actor, app: ApplicationRef, conflicted: boolean): boolean {
  return (
    hasRole(actor, 'city_reviewer') &&
    roleReaches('city_reviewer', actor, app) &&
    actor.orgId !== app.unit_id &&
    !conflicted &&
    CITY_REVIEW_STATUSES.includes(app.status as ApplicationStatus)
  );
}

/**
 * An acceptance clerk of the application's province, not of the applicant unit and without a
 * declared conflict, while the package waits for acceptance.
 */
export function acceptanceChecklistEditable(actor: Actor, app: ApplicationRef, conflicted: boolean): boolean {
  return (
    hasRole(actor, 'acceptance_clerk') &&
    roleReaches('acceptance_clerk', actor, app) &&
    actor.orgId !== app.unit_id &&
    !conflicted &&
    ACCEPTANCE_REVIEW_STATUSES.includes(app.status as ApplicationStatus)
  );
}
