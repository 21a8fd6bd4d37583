import { AppError } from '../../../domain/errors.js';
import type { UpdateAccountRequest } from '../../../domain/schemas/accounts.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { findAccount } from '../../repositories/accounts.js';
import { loadManagedAccount } from './loadManagedAccount.js';

/** Edits an account's name and contact details; the request names the version it was based on. */
export async function updateAccount(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: UpdateAccountRequest;
}) {
  const { db, ctx, id, input } = opts;
  const account = await loadManagedAccount(db, ctx.actor, id);
  const changes: Record<string, unknown> = {};
  if (input.displayName !== undefined) changes.display_name = input.displayName;
  if (input.mobile !== undefined) changes.mobile = input.mobile;
  if (input.email !== undefined) changes.email = input.email;
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('users')
      .set({ ...changes, updated_at: ctx.now.toISOString(), version: input.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict');
    await appendAudit(trx, ctx, {
      action: 'account.update',
      target: { type: 'user', id },
      summary: { username: account.username, changed: Object.keys(changes) },
    });
  });
  return { account: (await findAccount(db, id))! };
}
