import { parseArgs } from 'node:util';
import { resetAdminPassword } from '../commands/accounts/resetAdminPassword.js';
import { migrateToLatest } from '../db/migrate.js';
import { openConfiguredDatabase } from './db.js';

const USAGE = `Usage: ADMIN_PASSWORD='…' npm run admin:reset-password -- --username NAME
Sets a new password for an administrator account (system_admin, security_admin, audit_admin), which
must change it at its next login; unlocks it and ends its sessions. Other accounts are managed by the
security administrator in the web app.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' } } });
  if (!values.username) throw new Error(USAGE);
  const database = openConfiguredDatabase();
  try {
    await migrateToLatest(database.db);
    await resetAdminPassword(database.db, values.username, process.env.ADMIN_PASSWORD ?? '', new Date());
    console.log(`Password of "${values.username}" reset; it must be changed at the next login.`);
  } finally {
    await database.destroy();
  }
}

/** Resets an administrator's password from the command line (三员分立: never online). */
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
