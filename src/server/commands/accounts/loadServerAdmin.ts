import { managedOnlyOnServer, type Role } from '../../../domain/roles.js';
import type { Db } from '../../db/database.js';

/**
 * The administrator account named on the command line, with its roles; refused (an Error for the
 * command line) when there is no such account or when it is not one managed only on the server, in
 * which case the message says that the security administrator does `webAction` in the web app.
 */
export async function loadServerAdmin(db: Db, username: string, webAction: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'status', 'version'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw new Error(`No account "${username}".`);
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()).map(
    (r) => r.role as Role,
  );
  if (!managedOnlyOnServer(roles))
    throw new Error(`"${username}" is not an administrator; the security administrator ${webAction} in the web app.`);
  return { user, roles };
}
