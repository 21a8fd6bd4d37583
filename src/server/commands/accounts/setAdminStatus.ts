import { isAdminRole, type Role } from '../../../domain/roles.js';
import { appendAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { deleteUserSessions } from '../../repositories/sessions.js';
import { loadServerAdmin } from './loadServerAdmin.js';

export interface AdminStatusResult {
  username: string;
  roles: Role[];
  /** Administrator roles that no other active account holds once this one is disabled (for a warning). */
  uncoveredRoles: Role[];
}

/**
 * Disables or enables an administrator account on the server (三员分立: no administrator can do it
 * online, issue 11 item 5), so that a departed administrator is locked out without database surgery.
 * Disabling ends the account's sessions; enabling also lifts a login lock. A status-guarded update and
 * its audit record (account.disable / account.enable, by the command line) in one transaction.
 */
export async function setAdminStatus(db: Db, username: string, enable: boolean, now: Date): Promise<AdminStatusResult> {
  const { user, roles } = await loadServerAdmin(db, username, 'disables and enables it');
  const [from, to] = enable ? ['disabled', 'active'] : ['active', 'disabled'];
  if (user.status !== from) throw new Error(`"${username}" is ${user.status}, not ${from}: nothing changed.`);
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('users')
      .set({
        status: to,
        ...(enable ? { failed_login_count: 0, locked_until: null } : {}),
        updated_at: now.toISOString(),
        version: Number(user.version) + 1,
      })
      .where('id', '=', user.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new Error(`"${username}" changed meanwhile: nothing changed.`);
    if (!enable) await deleteUserSessions(trx, user.id);
    await appendAudit(
      trx,
      { actor: null, ip: null, requestId: null, now },
      {
        action: enable ? 'account.enable' : 'account.disable',
        actorName: 'cli',
        target: { type: 'user', id: user.id },
        summary: { username, roles, via: 'command line' },
      },
    );
  });
  const uncoveredRoles: Role[] = [];
  if (!enable)
    for (const role of roles.filter(isAdminRole)) {
      const other = await db
        .selectFrom('user_roles')
        .innerJoin('users', 'users.id', 'user_roles.user_id')
        .select('users.id')
        .where('user_roles.role', '=', role)
        .where('users.status', '=', 'active')
        .executeTakeFirst();
      if (!other) uncoveredRoles.push(role);
    }
  return { username, roles, uncoveredRoles };
}
