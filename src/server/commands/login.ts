import { AppError } from '../../domain/errors.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.js';
import { dummyPasswordHash, verifyPassword } from '../auth/password.js';
import { MINUTE } from '../clock.js';
import { findActorByUserId, findUserByUsername } from '../repositories/users.js';
import { findUndecidedOrRefusedByUsername } from '../repositories/registrations.js';
import { createSession } from '../repositories/sessions.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Checks credentials and opens a session. Every attempt is audited; five failures in a row
 * lock the account for 15 minutes. A wrong password, an unknown user name and a locked account
 * answer the same 401 with the same words, so that the answer says nothing about the account; the
 * audit record keeps the real reason for the administrators.
 */
export async function login(opts: {
  db: Db;
  ctx: RequestContext;
  username: string;
  password: string;
  userAgent: string | null;
}) {
  const { db, ctx, username, password } = opts;
  const now = ctx.now;
  const user = await findUserByUsername(db, username);
  const fail = async (
    code: 'invalid_credentials' | 'account_locked' | 'account_disabled' | 'account_pending',
    message?: string,
    userId?: string,
    registration?: { id: string; city_id: string },
  ) => {
    let lockedNow = false;
    await db.transaction().execute(async (trx) => {
      if (userId && code === 'invalid_credentials') {
        const failed = (user!.failed_login_count ?? 0) + 1;
        const lock = failed >= MAX_FAILED_LOGINS;
        lockedNow = lock;
        await trx
          .updateTable('users')
          .set({
            failed_login_count: lock ? 0 : failed,
            locked_until: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE).toISOString() : null,
          })
          .where('id', '=', userId)
          .execute();
      }
      await appendAudit(
        trx,
        { ...ctx, actor: null },
        {
          action: 'session.login',
          outcome: 'failure',
          actorName: username,
          orgId: user?.org_id ?? registration?.city_id,
          target: userId
            ? { type: 'user', id: userId }
            : registration
              ? { type: 'registration', id: registration.id }
              : undefined,
          summary: { reason: code, ...(lockedNow ? { locked: true } : {}) },
        },
      );
    });
    throw code === 'account_locked' ? new AppError('invalid_credentials') : new AppError(code, message);
  };

  if (!user) {
    // A unit that registered but has no account yet learns, with its own password, where its registration stands.
    const reg = await findUndecidedOrRefusedByUsername(db, username);
    if (reg && (await verifyPassword(reg.password_hash, password))) {
      if (reg.status === 'pending') return fail('account_pending', undefined, undefined, reg);
      return fail('account_disabled', `单位注册未通过审核：${reg.comment ?? ''}`, undefined, reg);
    }
    if (!reg) await verifyPassword(await dummyPasswordHash(), password);
    return fail('invalid_credentials');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    // The same work and the same answer as a wrong password: a lock does not reveal the account.
    await verifyPassword(user.password_hash, password);
    return fail('account_locked', undefined, user.id);
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) return fail('invalid_credentials', undefined, user.id);
  if (user.status === 'pending') return fail('account_pending', undefined, user.id);
  if (user.status !== 'active') return fail('account_disabled', undefined, user.id);

  const loaded = await findActorByUserId(db, user.id);
  if (!loaded) throw new AppError('internal');
  const actor = loaded.actor;
  const session = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    const s = await createSession(trx, { userId: user.id, now, ip: ctx.ip, userAgent: opts.userAgent });
    await appendAudit(trx, { ...ctx, actor }, { action: 'session.login', target: { type: 'user', id: user.id } });
    return s;
  });
  return { actor, orgName: loaded.orgName, mustChangePassword: loaded.mustChangePassword, ...session };
}
