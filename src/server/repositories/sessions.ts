import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.js';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: Executor,
  opts: { userId: string; now: Date; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = opts.now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: opts.userId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export const findSession = (db: Executor, token: string) =>
  db.selectFrom('sessions').selectAll().where('id', '=', hashToken(token)).executeTakeFirst();

export const touchSession = (db: Executor, id: string, now: Date) =>
  db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();

export const deleteSession = (db: Executor, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

/** Ends every session of a user (on disable, password reset or password change). */
export const deleteUserSessions = (db: Executor, userId: string, exceptId?: string) =>
  db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(!!exceptId, (q) => q.where('id', '!=', exceptId!))
    .execute();

/** Removes sessions idle for longer than the timeout. */
export const purgeIdleSessions = (db: Executor, idleBefore: Date) =>
  db.deleteFrom('sessions').where('last_seen_at', '<', idleBefore.toISOString()).execute();
