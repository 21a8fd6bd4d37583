import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { messages } from '../../notifications/messages.js';
import { notifyUserIds } from '../../notifications/notify.js';
import { findOrg } from '../../repositories/orgs.js';
import { decideRegistration, findRegistration } from '../../repositories/registrations.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { findUserByUsername, insertUser } from '../../repositories/users.js';
import { loadRegistrationForDecision } from './loadRegistrationForDecision.js';

/**
 * The city reviewer approves a unit's registration: in one transaction the applicant unit (under the
 * city, in its province) and its account (role applicant, active, with the password the unit chose)
 * are created and recorded on the registration.
 */
export async function approveRegistration(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  comment?: string;
}) {
  const { db, ctx, id } = opts;
  const reg = await loadRegistrationForDecision(db, ctx.actor, id);
  const city = (await findOrg(db, reg.city_id))!;
  if (await db.selectFrom('orgs').select('id').where('uscc', '=', reg.uscc).executeTakeFirst())
    throw new AppError('conflict', '该统一社会信用代码已有注册单位，不能重复创建');
  if (await findUserByUsername(db, reg.username))
    throw new AppError('conflict', `登录名“${reg.username}”已被其他账号使用，请驳回并请该单位更换登录名后重新注册`);

  const orgId = randomUUID();
  const userId = randomUUID();
  const at = ctx.now.toISOString();
  const comment = opts.comment?.trim() || null;
  try {
    await db.transaction().execute(async (trx) => {
      const decided = await decideRegistration(trx, id, Number(reg.version), {
        status: 'approved',
        comment,
        decidedBy: ctx.actor.userId,
        now: ctx.now,
        orgId,
        userId,
      });
      if (!decided) throw new AppError('invalid_transition', '该注册申请已被他人审核，不能重复审核');
      await trx
        .insertInto('orgs')
        .values({
          id: orgId,
          parent_id: city.id,
          kind: 'applicant_unit',
          name: reg.unit_name,
          short_name: null,
          region_code: reg.uscc.slice(2, 8),
          uscc: reg.uscc,
          province_id: city.province_id,
          city_id: city.id,
          sort_order: 0,
          created_at: at,
          updated_at: at,
          // The unit's own record of what the city verified against the licence (the pledge check reads it).
          legal_representative: reg.legal_representative ?? null,
          address: reg.address ?? null,
        })
        .execute();
      await insertUser(trx, {
        id: userId,
        username: reg.username,
        displayName: reg.contact_name,
        passwordHash: reg.password_hash,
        orgId,
        status: 'active',
        // The unit chose this password itself at registration.
        mustChangePassword: false,
        roles: ['applicant'],
        mobile: reg.mobile,
        email: reg.email,
        now: ctx.now,
      });
      await appendAudit(trx, ctx, {
        action: 'registration.approve',
        target: { type: 'registration', id },
        summary: { unitName: reg.unit_name, uscc: reg.uscc, orgId, userId, username: reg.username, comment },
      });
      await notifyUserIds(
        trx,
        ctx.now,
        [userId],
        messages.accountApproved({ unitName: reg.unit_name, username: reg.username }),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', '该单位或登录名已被同时注册，请刷新后查看');
    throw err;
  }
  return { registration: (await findRegistration(db, id))! };
}
