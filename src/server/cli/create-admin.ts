import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { passwordSchema } from '../../domain/password.js';
import { ADMIN_ROLES, roleSetProblems, type AdminRole } from '../../domain/roles.js';
import { appendAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/password.js';
import { migrateToLatest } from '../db/migrate.js';
import { JS_DEPT_ID, seedReferenceOrgs } from '../db/seed/reference-orgs.js';
import { insertUser } from '../repositories/users.js';
import { openConfiguredDatabase } from './db.js';

const USAGE = `Usage: npm run admin:create -- --username NAME --role system_admin|security_admin|audit_admin [--org ORG_ID] [--name DISPLAY]
The password is read from the ADMIN_PASSWORD environment variable; the account must change it at first login.`;

/** Creates one of the three separated administrators from the command line (production bootstrap). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const role = values.role as AdminRole;
  const password = process.env.ADMIN_PASSWORD ?? '';
  if (!values.username || !(ADMIN_ROLES as readonly string[]).includes(role)) throw new Error(USAGE);
  const pw = passwordSchema.safeParse(password);
  if (!pw.success) throw new Error(`ADMIN_PASSWORD: ${pw.error.issues[0]?.message}`);

  const database = openConfiguredDatabase();
  try {
    const db = database.db;
    const now = new Date();
    await migrateToLatest(db);
    await seedReferenceOrgs(db, now);
    const orgId = values.org ?? JS_DEPT_ID;
    const org = await db.selectFrom('orgs').select(['id', 'kind']).where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new Error(`Organisation ${orgId} does not exist.`);
    const problems = roleSetProblems([role], org.kind as never);
    if (problems.length) throw new Error(problems.join('; '));
    if (await db.selectFrom('users').select('id').where('username', '=', values.username).executeTakeFirst())
      throw new Error(`Username ${values.username} is taken.`);
    const id = randomUUID();
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id,
        username: values.username!,
        displayName: values.name ?? values.username!,
        passwordHash,
        orgId,
        status: 'active',
        mustChangePassword: true,
        roles: [role],
        now,
      });
      await appendAudit(
        trx,
        { actor: null, ip: null, requestId: null, now },
        {
          action: 'account.create',
          actorName: 'cli',
          target: { type: 'user', id },
          summary: { username: values.username, roles: [role], orgId, via: 'command line' },
        },
      );
    });
    console.log(`Created ${role} "${values.username}" in ${orgId}; the password must be changed at first login.`);
  } finally {
    await database.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
