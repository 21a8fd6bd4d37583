import { randomUUID } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import type { RegistrationRequest } from '../../../domain/schemas/registrations.js';
import type { RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/password.js';
import { findOrg } from '../../repositories/orgs.js';
import { findPendingRegistration, insertRegistration } from '../../repositories/registrations.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';

const USCC_TAKEN = '该统一社会信用代码已注册或正在审核中，一个单位只能注册一次';

/**
 * Conflicts with existing units and pending registrations. The login name is deliberately not
 * checked here: an answer saying it is taken would tell anyone which accounts exist (issue 11
 * item 7). The city decides it at approval, where a taken name is refused.
 */
async function conflicts(db: Executor, uscc: string): Promise<ErrorDetail[]> {
  const [org, pendingUscc] = await Promise.all([
    db.selectFrom('orgs').select('id').where('uscc', '=', uscc).executeTakeFirst(),
    findPendingRegistration(db, { uscc }),
  ]);
  return org || pendingUscc ? [{ path: 'uscc', message: USCC_TAKEN }] : [];
}

/**
 * An applicant unit registers itself (public, no session). One unit per USCC. The account exists
 * only once the city approves; the approval refuses a login name another account already holds.
 */
export async function registerUnit(opts: { db: Db; ctx: RequestContext; input: RegistrationRequest }) {
  const { db, ctx, input } = opts;
  const city = await findOrg(db, input.cityOrgId);
  if (city?.kind !== 'city')
    throw new AppError('validation_failed', '请选择所在设区市科技局', [
      { path: 'cityOrgId', message: '请选择所在设区市科技局' },
    ]);
  const found = await conflicts(db, input.uscc);
  if (found.length) throw new AppError('conflict', found[0]!.message, found);
  const passwordHash = await hashPassword(input.password);

  const id = randomUUID();
  const createdAt = ctx.now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await insertRegistration(trx, {
        id,
        unit_name: input.unitName,
        uscc: input.uscc,
        city_id: city.id,
        contact_name: input.contactName,
        mobile: input.mobile,
        email: input.email,
        username: input.username,
        password_hash: passwordHash,
        status: 'pending',
        comment: null,
        decided_by: null,
        decided_at: null,
        org_id: null,
        user_id: null,
        created_at: createdAt,
        version: 1,
      });
      await appendAudit(trx, ctx, {
        action: 'registration.create',
        actorName: input.username,
        orgId: city.id,
        target: { type: 'registration', id },
        summary: { unitName: input.unitName, uscc: input.uscc, cityId: city.id, username: input.username },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A simultaneous registration won the race: report which key it took.
    throw new AppError('conflict', USCC_TAKEN, [{ path: 'uscc', message: USCC_TAKEN }]);
  }
  return { id, unitName: input.unitName, uscc: input.uscc, cityOrgId: city.id, username: input.username, createdAt };
}
