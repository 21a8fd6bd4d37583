import type { Role } from '../../../domain/roles.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertAssignableOnline, assertNotSelf, assertRoleSetAllowed } from '../../policies/accounts.js';
import { findAccount } from '../../repositories/accounts.js';
import { setRoles } from '../../repositories/users.js';
import { loadManagedAccount } from './loadManagedAccount.js';

/** Replaces an account's roles, keeping the three administrators separate. */
export async function setAccountRoles(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  roles: Role[];
}) {
  const { db, ctx, id, roles } = opts;
  const account = await loadManagedAccount(db, ctx.actor, id);
  assertNotSelf(ctx.actor, id);
  assertAssignableOnline(roles);
  assertRoleSetAllowed(roles, account.org_kind);
  await db.transaction().execute(async (trx) => {
    await setRoles(trx, id, roles);
    await trx
      .updateTable('users')
      .set({ updated_at: ctx.now.toISOString(), version: account.version + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'account.set_roles',
      target: { type: 'user', id },
      summary: { username: account.username, from: account.roles, to: [...roles].sort() },
    });
  });
  return { account: (await findAccount(db, id))! };
}
