import { AppError } from '../../domain/errors.js';
import type { Actor, RequestContext } from '../context.js';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { findUserById } from '../repositories/users.js';
import { deleteUserSessions } from '../repositories/sessions.js';

/** The user changes their own password; other sessions of the user end. */
export async function changePassword(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { db, ctx } = opts;
  const user = await findUserById(db, ctx.actor.userId);
  if (!user) throw new AppError('not_found');
  if (!(await verifyPassword(user.password_hash, opts.currentPassword))) {
    throw new AppError('validation_failed', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const passwordHash = await hashPassword(opts.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: ctx.now.toISOString(),
        updated_at: ctx.now.toISOString(),
        version: user.version + 1,
      })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(trx, user.id, opts.sessionId);
    await appendAudit(trx, ctx, { action: 'session.password_change', target: { type: 'user', id: user.id } });
  });
}
