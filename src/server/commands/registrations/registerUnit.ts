import { randomUUID } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import type { RegistrationRequest } from '../../../domain/schemas/registrations.js';
import type { RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { hashPassword } from '../../auth/password.js';
import { findOrg } from '../../repositories/orgs.js';
import {
  bindLicenceUpload,
  findLicenceUpload,
  findPendingRegistration,
  insertRegistration,
} from '../../repositories/registrations.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { LICENCE_TOKEN_MINUTES } from '../../../domain/schemas/registrations.js';
import { licenceTokenHash } from './uploadRegistrationLicence.js';

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

const LICENCE_GONE = '营业执照上传已失效或已被使用，请重新上传营业执照';
export const licenceGone = () =>
  new AppError('validation_failed', LICENCE_GONE, [{ path: 'licenceToken', message: LICENCE_GONE }]);

/** The licence uploaded for this registration: unused and at most an hour old, else 422. */
export async function uploadedLicence(db: Executor, token: string, now: Date) {
  const upload = await findLicenceUpload(db, licenceTokenHash(token));
  const fresh = upload && now.getTime() - Date.parse(upload.created_at) <= LICENCE_TOKEN_MINUTES * 60_000;
  if (!upload || upload.registration_id || !fresh) throw licenceGone();
  return upload;
}

/**
 * An applicant unit registers itself (public, no session), with its 营业执照 uploaded first (the token
 * binds that upload, once; a registration without one is kept, and the reviewer is told). One unit per USCC. The account exists
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
  const licence = input.licenceToken ? await uploadedLicence(db, input.licenceToken, ctx.now) : null;
  const passwordHash = await hashPassword(input.password);

  const id = randomUUID();
  const createdAt = ctx.now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      // Two registrations racing for one upload: the second finds it bound and changes nothing.
      if (licence && !(await bindLicenceUpload(trx, licence.id, id, ctx.now))) throw licenceGone();
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
        legal_representative: input.legalRepresentative ?? null,
        address: input.address ?? null,
        licence_sha256: licence?.sha256 ?? null,
        licence_mime: licence?.mime ?? null,
        licence_name: licence?.file_name ?? null,
        licence_size: licence ? Number(licence.size) : null,
      });
      await appendAudit(trx, ctx, {
        action: 'registration.create',
        actorName: input.username,
        orgId: city.id,
        target: { type: 'registration', id },
        summary: {
          unitName: input.unitName,
          uscc: input.uscc,
          cityId: city.id,
          username: input.username,
          legalRepresentative: input.legalRepresentative ?? null,
          licenceSha256: licence?.sha256 ?? null,
        },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A simultaneous registration won the race: report which key it took.
    throw new AppError('conflict', USCC_TAKEN, [{ path: 'uscc', message: USCC_TAKEN }]);
  }
  return { id, unitName: input.unitName, uscc: input.uscc, cityOrgId: city.id, username: input.username, createdAt };
}
