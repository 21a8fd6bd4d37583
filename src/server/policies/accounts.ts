import { AppError } from '../../domain/errors.js';
import { roleSetProblems, type OrgKind, type Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import { assertRole, jurisdictionOf, orgInJurisdiction } from './common.js';

type OrgRow = { id: string; kind: string; province_id: string | null; city_id: string | null };

/** Only the security administrator manages accounts, and only within its jurisdiction. */
export function assertCanManageAccountsIn(actor: Actor, org: OrgRow): void {
  assertRole(actor, 'security_admin');
  // Outside the jurisdiction the account does not exist for this administrator.
  if (!orgInJurisdiction(jurisdictionOf(actor), org)) throw new AppError('not_found');
}

/** An administrator does not change its own roles or status (another administrator must). */
export function assertNotSelf(actor: Actor, userId: string): void {
  if (actor.userId === userId) throw new AppError('forbidden', '不能对本人账号执行此操作');
}

/** Role sets must keep the three administrators separate and fit the organisation. */
export function assertRoleSetAllowed(roles: readonly Role[], orgKind: string): void {
  const problems = roleSetProblems(roles, orgKind as OrgKind);
  if (problems.length)
    throw new AppError(
      'validation_failed',
      problems[0],
      problems.map((message) => ({ path: 'roles', message })),
    );
}
