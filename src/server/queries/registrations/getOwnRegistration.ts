import type { OwnRegistration, OwnRegistrationRequest } from '../../../domain/schemas/registrations.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../../domain/errors.js';
import { authenticateRegistrant } from '../../commands/registrations/authenticateRegistrant.js';
import { ownRegistrationActions } from '../../policies/registrations.js';
import { findRegistration } from '../../repositories/registrations.js';

/** The registrant's own registration (pending or refused), with what it may do with its licence. */
export async function getOwnRegistration(opts: {
  db: Db;
  ctx: RequestContext;
  credentials: OwnRegistrationRequest;
}): Promise<OwnRegistration> {
  const { db, ctx, credentials } = opts;
  const found = await authenticateRegistrant({ db, ctx, ...credentials });
  const reg = await findRegistration(db, found.id);
  if (!reg) throw new AppError('not_found', '注册申请不存在');
  const licence =
    reg.licence_sha256 && reg.licence_mime && reg.licence_name
      ? { fileName: reg.licence_name, mime: reg.licence_mime, size: Number(reg.licence_size ?? 0) }
      : null;
  return {
    registration: {
      id: reg.id,
      unitName: reg.unit_name,
      uscc: reg.uscc,
      cityName: reg.city_name ?? null,
      status: reg.status as OwnRegistration['registration']['status'],
      comment: reg.status === 'refused' ? reg.comment : null,
      createdAt: reg.created_at,
      decidedAt: reg.decided_at,
      licence,
    },
    allowedActions: ownRegistrationActions(reg),
  };
}

/** The registrant's own licence file (404 when it may not see one: none uploaded, or decided and approved). */
export async function getOwnRegistrationLicence(opts: {
  db: Db;
  ctx: RequestContext;
  credentials: OwnRegistrationRequest;
}) {
  const { db, ctx, credentials } = opts;
  const reg = await authenticateRegistrant({ db, ctx, ...credentials });
  if (!ownRegistrationActions(reg).includes('view_licence') || !reg.licence_sha256 || !reg.licence_mime)
    throw new AppError('not_found', '该注册申请没有上传营业执照');
  return { sha256: reg.licence_sha256, mime: reg.licence_mime, fileName: reg.licence_name ?? '营业执照' };
}
