import { AppError } from '../../domain/errors.js';
import type { ChecklistLevel } from '../../domain/schemas/checklistLevels.js';
import type { Role } from '../../domain/roles.js';
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

/** Per level: who may change the checklist when, the role it acts in, and why else not (Chinese). */
const CHECKLIST_LEVELS = {
  city: {
    editable: checklistEditable,
    statuses: CITY_REVIEW_STATUSES,
    role: 'city_reviewer',
    wrongStage: '该申报已不在市局审核阶段，审查要点不能再修改',
    forbidden: '只有本市科技局经办人可以填写真实性审查要点',
  },
  acceptance: {
    editable: acceptanceChecklistEditable,
    statuses: ACCEPTANCE_REVIEW_STATUSES,
    role: 'acceptance_clerk',
    wrongStage: '该申报已不在省受理阶段，形式审查要点不能再修改',
    forbidden: '只有省受理中心经办人可以填写形式审查要点',
  },
} as const satisfies Record<ChecklistLevel, unknown>;

/** Whether the actor may change the level's checklist now (sent as `editable`). */
export const checklistEditableAt = (level: ChecklistLevel, actor: Actor, app: ApplicationRef, conflicted: boolean) =>
  CHECKLIST_LEVELS[level].editable(actor, app, conflicted);

/**
 * Saving the level's checklist: 409 when the actor holds the level's role but the application has
 * left the stage, 403 otherwise; returns the role the save is recorded in.
 */
export function authorizeChecklistSave(
  actor: Actor,
  app: ApplicationRef,
  level: ChecklistLevel,
  conflicted: boolean,
): Role {
  const spec = CHECKLIST_LEVELS[level];
  if (spec.editable(actor, app, conflicted)) return spec.role;
  if (hasRole(actor, spec.role) && !spec.statuses.includes(app.status as ApplicationStatus))
    throw new AppError('invalid_transition', spec.wrongStage);
  throw new AppError('forbidden', spec.forbidden);
}
