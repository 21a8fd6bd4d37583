import { passwordSchema } from '../../../domain/password.js';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/password.js';
import type { Db } from '../../db/database.js';
import { deleteUserSessions } from '../../repositories/sessions.js';
import { loadServerAdmin } from './loadServerAdmin.js';

/**
 * Resets an administrator's password on the server (三员分立: no administrator can do it online,
 * issue 11 item 5). Audited as account.reset_password by the command line.
 */
export async function resetAdminPassword(db: Db, username: string, password: string, now: Date): Promise<void> {
  const pw = passwordSchema.safeParse(password);
  if (!pw.success) throw new Error(`ADMIN_PASSWORD: ${pw.error.issues[0]?.message}`);
  const { user, roles } = await loadServerAdmin(db, username, 'resets it');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 1,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: Number(user.version) + 1,
      })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(trx, user.id);
    await appendAudit(
      trx,
      { actor: null, ip: null, requestId: null, now },
      {
        action: 'account.reset_password',
        actorName: 'cli',
        target: { type: 'user', id: user.id },
        summary: { username, roles, via: 'command line' },
      },
    );
  });
}
