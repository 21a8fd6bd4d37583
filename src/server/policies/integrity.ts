import { AppError } from '../../domain/errors.js';
import { CONFLICT_ROLES } from '../../domain/schemas/integrity.js';
import type { Actor } from '../context.js';
import type { CreditScope } from '../repositories/creditRecords.js';
import { hasRole } from './common.js';

/** Reviewers, officers and experts declare conflicts of interest; nobody else has anything to recuse from. */
export function assertMayDeclareConflicts(actor: Actor): void {
  if (!hasRole(actor, ...CONFLICT_ROLES)) throw new AppError('forbidden', '只有审核、评审人员需要申报回避');
}

/** The province officer sees its province's credit records, a Ministry officer all; others 403. */
export function creditScopeOf(actor: Actor): CreditScope {
  if (hasRole(actor, 'ministry_officer')) return { all: true };
  if (hasRole(actor, 'province_officer') && actor.provinceId) return { provinceId: actor.provinceId };
  throw new AppError('forbidden', '只有省科技厅和科技部业务人员可以查看信用记录');
}

/** Whether a record lies within a credit scope (else it answers 404). */
export const creditRecordInScope = (scope: CreditScope, record: { province_id: string | null }): boolean =>
  scope.all === true || record.province_id === scope.provinceId;

/** The role a credit record is ended in: the Ministry's when the actor holds it, else the province's. */
export const creditRecordRole = (actor: Actor): 'ministry_officer' | 'province_officer' =>
  actor.roles.includes('ministry_officer') ? 'ministry_officer' : 'province_officer';
