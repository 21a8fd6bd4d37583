import { AppError } from '../../domain/errors.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/database.js';
import { appendAudit } from '../audit/audit.js';
import { dummyPasswordHash, verifyPassword } from '../auth/password.js';
import { MINUTE } from '../clock.js';
import { findActorByUserId, findUserByUsername } from '../repositories/users.js';
import { findLoginNameFailures, saveLoginNameFailures } from '../repositories/loginNames.js';
import { findUndecidedOrRefusedByUsername } from '../repositories/registrations.js';
import { createSession } from '../repositories/sessions.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const isLocked = (lockedUntil: string | null, now: Date) => !!lockedUntil && new Date(lockedUntil) > now;

/**
 * One more refused attempt: while locked nothing changes and none are left; otherwise the count goes
 * up, and the fifth in a row locks for LOCKOUT_MINUTES and starts the count again.
 */
export function countFailure(state: { failed: number; lockedUntil: string | null }, now: Date) {
  if (isLocked(state.lockedUntil, now))
    return { changed: false, failed: state.failed, lockedUntil: state.lockedUntil, lockedNow: false, attemptsLeft: 0 };
  const failed = state.failed + 1;
  const lock = failed >= MAX_FAILED_LOGINS;
  return {
    changed: true,
    failed: lock ? 0 : failed,
    lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE).toISOString() : null,
    lockedNow: lock,
    attemptsLeft: lock ? 0 : MAX_FAILED_LOGINS - failed,
  };
}

/** The one answer to a refused login, whoever the name belongs to: the wording and how many tries remain. */
export function invalidCredentials(attemptsLeft: number): AppError {
  const message =
    attemptsLeft > 0
      ? `用户名或密码错误，还可尝试 ${attemptsLeft} 次（连续输错 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCKOUT_MINUTES} 分钟）`
      : `用户名或密码错误，已连续输错 ${MAX_FAILED_LOGINS} 次，请 ${LOCKOUT_MINUTES} 分钟后再试`;
  return new AppError('invalid_credentials', message, undefined, { attemptsLeft });
}

/**
 * Checks credentials and opens a session. Every attempt is audited; five failures in a row
 * lock the account for 15 minutes. A wrong password, an unknown user name and a locked account
 * answer the same 401 with the same words and the same count of attempts left (a name without an
 * account is counted and locked as one with), so that the answer says nothing about the account;
 * the audit record keeps the real reason for the administrators.
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
    let attemptsLeft: number | undefined;
    await db.transaction().execute(async (trx) => {
      if (code === 'invalid_credentials' || code === 'account_locked') {
        // The same count and lock for a name with an account and for one without (the hint
        // "还可尝试 N 次" must not tell them apart): the account's own columns, or a row per name.
        const state = userId
          ? { failed: user!.failed_login_count ?? 0, lockedUntil: user!.locked_until }
          : await findLoginNameFailures(trx, username).then((r) => ({
              failed: r?.failed_count ?? 0,
              lockedUntil: r?.locked_until ?? null,
            }));
        const next = countFailure(state, now);
        lockedNow = next.lockedNow;
        attemptsLeft = next.attemptsLeft;
        if (next.changed) {
          if (userId)
            await trx
              .updateTable('users')
              .set({ failed_login_count: next.failed, locked_until: next.lockedUntil })
              .where('id', '=', userId)
              .execute();
          else
            await saveLoginNameFailures(
              trx,
              { username, failed_count: next.failed, locked_until: next.lockedUntil, updated_at: now.toISOString() },
              new Date(now.getTime() - LOCKOUT_MINUTES * MINUTE).toISOString(),
            );
        }
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
    if (code === 'account_locked' || code === 'invalid_credentials') throw invalidCredentials(attemptsLeft ?? 0);
    throw new AppError(code, message);
  };

  if (!user) {
    // A unit that registered but has no account yet learns, with its own password, where its registration stands.
    const reg = await findUndecidedOrRefusedByUsername(db, username);
    if (reg && (await verifyPassword(reg.password_hash, password))) {
      if (reg.status === 'pending') return fail('account_pending', undefined, undefined, reg);
      return fail('account_disabled', `单位注册未通过审核：${reg.comment ?? ''}`, undefined, reg);
    }
    if (!reg) await verifyPassword(await dummyPasswordHash(), password);
    const named = await findLoginNameFailures(db, username);
    return fail(isLocked(named?.locked_until ?? null, now) ? 'account_locked' : 'invalid_credentials');
  }
  if (isLocked(user.locked_until, now)) {
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
