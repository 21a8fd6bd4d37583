import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { dummyPasswordHash, verifyPassword } from '../../auth/password.js';
import { MINUTE } from '../../clock.js';
import { findLoginNameFailures, saveLoginNameFailures } from '../../repositories/loginNames.js';
import { findUndecidedOrRefusedByUsername } from '../../repositories/registrations.js';
import { countFailure, invalidCredentials, LOCKOUT_MINUTES } from '../login.js';

/**
 * A unit whose registration has no account yet (pending, or refused) proves it is the registrant with
 * the login name and password it registered with, as at login. A wrong password and an unknown name
 * answer the same 401 with the same count of attempts left, and count against the name as a login
 * does (five in a row lock it for 15 minutes, for login too).
 */
export async function authenticateRegistrant(opts: {
  db: Db;
  ctx: RequestContext;
  username: string;
  password: string;
}) {
  const { db, ctx, username, password } = opts;
  const now = ctx.now;
  const [reg, named] = await Promise.all([
    findUndecidedOrRefusedByUsername(db, username),
    findLoginNameFailures(db, username),
  ]);
  const locked = !!named?.locked_until && new Date(named.locked_until) > now;
  const ok = reg
    ? await verifyPassword(reg.password_hash, password)
    : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
  if (reg && ok && !locked) return reg;
  const next = countFailure({ failed: named?.failed_count ?? 0, lockedUntil: named?.locked_until ?? null }, now);
  if (next.changed)
    await db
      .transaction()
      .execute((trx) =>
        saveLoginNameFailures(
          trx,
          { username, failed_count: next.failed, locked_until: next.lockedUntil, updated_at: now.toISOString() },
          new Date(now.getTime() - LOCKOUT_MINUTES * MINUTE).toISOString(),
        ),
      );
  throw invalidCredentials(next.attemptsLeft);
}
