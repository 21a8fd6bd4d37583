import { AppError } from '../../domain/errors.js';
import { isAdminRole, managedOnlyOnServer, roleSetProblems, type OrgKind, type Role } from '../../domain/roles.js';
import type { AccountRowAction } from '../../domain/schemas/accounts.js';
import type { Actor } from '../context.js';
import { assertRole, jurisdictionOf, orgInJurisdiction } from './common.js';

type OrgRow = { id: string; kind: string; province_id: string | null; city_id: string | null };

/** Only the security administrator manages accounts, and only within its jurisdiction. */
export function assertCanManageAccountsIn(actor: Actor, org: OrgRow): void {
  assertRole(actor, 'security_admin');
  // Outside the jurisdiction the account does not exist for this administrator.
  if (!orgInJurisdiction(jurisdictionOf(actor), org)) throw new AppError('not_found');
}

/** Only the security administrator lists accounts (403 otherwise); the list is scoped to its jurisdiction. */
export function assertMayListAccounts(actor: Actor): void {
  assertRole(actor, 'security_admin');
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

export const SERVER_MANAGED_MESSAGE =
  '管理员账号（系统管理员、安全管理员、审计管理员）只能由运维人员在服务器上用命令行创建和重置密码，不能在线管理';

/**
 * 三员分立 (issue 11 item 5): an account holding an administrator role is not managed online at all,
 * so the security administrator can neither take over the auditor's or the system administrator's
 * account (reset and receive its password) nor create a second security administrator.
 */
export function assertManagedOnline(account: { roles: readonly Role[] }): void {
  if (managedOnlyOnServer(account.roles)) throw new AppError('forbidden', SERVER_MANAGED_MESSAGE);
}

/** Administrator roles are never assigned online. */
export function assertAssignableOnline(roles: readonly Role[]): void {
  if (roles.some(isAdminRole)) throw new AppError('forbidden', SERVER_MANAGED_MESSAGE);
}

/** The actions the security administrator may take on an account row (sent to the client). */
export function accountActions(
  actor: Actor | null,
  a: { id: string; roles: readonly Role[]; status: string; locked: boolean },
): AccountRowAction[] {
  if (!actor?.roles.includes('security_admin') || managedOnlyOnServer(a.roles)) return [];
  const actions: AccountRowAction[] = ['edit'];
  if (actor.userId === a.id) return actions;
  actions.push('roles');
  if (a.status === 'active') actions.push('disable');
  if (a.status === 'disabled') actions.push('enable');
  if (a.locked) actions.push('unlock');
  actions.push('reset-password');
  return actions;
}
