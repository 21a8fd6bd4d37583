import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { CreateAccountRequest } from '../../../domain/schemas/accounts.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { generatePassword, hashPassword } from '../../auth/password.js';
import { assertAssignableOnline, assertCanManageAccountsIn, assertRoleSetAllowed } from '../../policies/accounts.js';
import { findAccount } from '../../repositories/accounts.js';
import { findOrg } from '../../repositories/orgs.js';
import { findUserByUsername, insertUser } from '../../repositories/users.js';

/** The security administrator creates an account with a temporary password, to be changed at first login. */
export async function createAccount(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: CreateAccountRequest;
}) {
  const { db, ctx, input } = opts;
  const org = await findOrg(db, input.orgId);
  if (!org) throw new AppError('validation_failed', '所属单位不存在', [{ path: 'orgId', message: '所属单位不存在' }]);
  assertCanManageAccountsIn(ctx.actor, org);
  assertAssignableOnline(input.roles);
  assertRoleSetAllowed(input.roles, org.kind);
  if (await findUserByUsername(db, input.username))
    throw new AppError('conflict', '用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      orgId: org.id,
      status: 'active',
      mustChangePassword: true,
      roles: input.roles,
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      now: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: 'account.create',
      target: { type: 'user', id },
      summary: { username: input.username, orgId: org.id, roles: input.roles },
    });
  });
  return { account: (await findAccount(db, id))!, temporaryPassword };
}
