import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { assertCanManageAccountsIn, assertManagedOnline } from '../../policies/accounts.js';
import { findAccount } from '../../repositories/accounts.js';

/**
 * Loads an account the actor may manage; 404 when it does not exist or lies outside the jurisdiction,
 * 403 when it holds an administrator role (managed only on the server).
 */
export async function loadManagedAccount(db: Executor, actor: Actor, id: string) {
  const account = await findAccount(db, id);
  if (!account) throw new AppError('not_found');
  assertCanManageAccountsIn(actor, {
    id: account.org_id,
    kind: account.org_kind,
    province_id: account.province_id,
    city_id: account.city_id,
  });
  assertManagedOnline(account);
  return account;
}
