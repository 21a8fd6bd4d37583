import { AppError } from '../../domain/errors.js';
import type { Actor, RequestContext } from '../context.js';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { findUserById } from '../repositories/users.js';
import { deleteSession, deleteUserSessions } from '../repositories/sessions.js';

/** Wrong current passwords one session may give before it ends (issue 11 item 7). */
export const MAX_PASSWORD_CHECK_FAILURES = 5;

/**
 * The user changes their own password; other sessions of the user end. Each wrong current password
 * is counted on the session and audited; the fifth ends the session, so that a session left open
 * cannot be used to guess the password.
 */
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
    const failures = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('sessions')
        .set((eb) => ({ failed_password_checks: eb('failed_password_checks', '+', 1) }))
        .where('id', '=', opts.sessionId)
        .returning('failed_password_checks')
        .executeTakeFirst();
      const n = Number(row?.failed_password_checks ?? MAX_PASSWORD_CHECK_FAILURES);
      const ended = n >= MAX_PASSWORD_CHECK_FAILURES;
      if (ended) await deleteSession(trx, opts.sessionId);
      await appendAudit(trx, ctx, {
        action: 'session.password_change',
        outcome: 'failure',
        target: { type: 'user', id: user.id },
        summary: { reason: 'wrong_current_password', failures: n, ...(ended ? { sessionEnded: true } : {}) },
      });
      return n;
    });
    if (failures >= MAX_PASSWORD_CHECK_FAILURES)
      throw new AppError('unauthorized', `当前密码连续输错 ${MAX_PASSWORD_CHECK_FAILURES} 次，会话已结束，请重新登录`);
    const message = `当前密码不正确（还可尝试 ${MAX_PASSWORD_CHECK_FAILURES - failures} 次）`;
    throw new AppError('validation_failed', message, [{ path: 'currentPassword', message }]);
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
