import { AppError } from '../../../domain/errors.js';
import type { AccountAction } from '../../../domain/schemas/accounts.js';
import type { AuditAction } from '../../../domain/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { appendAudit } from '../../audit/audit.js';
import { generatePassword, hashPassword } from '../../auth/password.js';
import { assertNotSelf } from '../../policies/accounts.js';
import { findAccount } from '../../repositories/accounts.js';
import { deleteUserSessions } from '../../repositories/sessions.js';
import { loadManagedAccount } from './loadManagedAccount.js';

const AUDIT: Record<AccountAction, AuditAction> = {
  disable: 'account.disable',
  enable: 'account.enable',
  unlock: 'account.unlock',
  'reset-password': 'account.reset_password',
};

/** Disable, enable, unlock or reset the password of an account (security administrator). */
export async function runAccountAction(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  action: AccountAction;
}) {
  const { db, ctx, id, action } = opts;
  const account = await loadManagedAccount(db, ctx.actor, id);
  assertNotSelf(ctx.actor, id);
  let changes: Partial<UserTable>;
  let temporaryPassword: string | undefined;
  let endSessions = false;
  switch (action) {
    case 'disable':
      if (account.status !== 'active') throw new AppError('invalid_transition', '只能停用正常状态的账号');
      changes = { status: 'disabled' };
      endSessions = true;
      break;
    case 'enable':
      if (account.status !== 'disabled') throw new AppError('invalid_transition', '只能启用已停用的账号');
      changes = { status: 'active', failed_login_count: 0, locked_until: null };
      break;
    case 'unlock':
      changes = { failed_login_count: 0, locked_until: null };
      break;
    case 'reset-password':
      temporaryPassword = generatePassword();
      changes = {
        password_hash: await hashPassword(temporaryPassword),
        must_change_password: 1,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: ctx.now.toISOString(),
      };
      endSessions = true;
      break;
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ ...changes, updated_at: ctx.now.toISOString(), version: account.version + 1 })
      .where('id', '=', id)
      .execute();
    if (endSessions) await deleteUserSessions(trx, id);
    await appendAudit(trx, ctx, {
      action: AUDIT[action],
      target: { type: 'user', id },
      summary: { username: account.username },
    });
  });
  return { account: (await findAccount(db, id))!, ...(temporaryPassword ? { temporaryPassword } : {}) };
}
