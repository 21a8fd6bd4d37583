import { parseArgs } from 'node:util';
import { setAdminStatus } from '../commands/accounts/setAdminStatus.js';
import { migrateToLatest } from '../db/migrate.js';
import { openConfiguredDatabase } from './db.js';

const USAGE = `Usage: npm run admin:disable -- --username NAME [--enable]
Disables an administrator account (system_admin, security_admin, audit_admin) and ends its sessions,
or with --enable enables it again (and lifts a login lock). Audited. Other accounts are disabled and
enabled by the security administrator in the web app.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, enable: { type: 'boolean' } } });
  if (!values.username) throw new Error(USAGE);
  const database = openConfiguredDatabase();
  try {
    await migrateToLatest(database.db);
    const enable = values.enable === true;
    const result = await setAdminStatus(database.db, values.username, enable, new Date());
    console.log(
      enable
        ? `"${result.username}" (${result.roles.join(', ')}) enabled.`
        : `"${result.username}" (${result.roles.join(', ')}) disabled; its sessions are ended.`,
    );
    for (const role of result.uncoveredRoles)
      console.log(
        `Note: no active account holds ${role} now; create one with npm run admin:create -- --username … --role ${role}.`,
      );
  } finally {
    await database.destroy();
  }
}

/** Disables or enables an administrator from the command line (三员分立: never online). */
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
