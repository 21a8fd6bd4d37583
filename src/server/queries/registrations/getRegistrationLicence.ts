import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditDownload } from '../../commands/documents/auditDownload.js';
import { canSeeRegistrationLicence } from '../../policies/registrations.js';
import { findRegistration } from '../../repositories/registrations.js';

/**
 * A registration's 营业执照, for the officials who verify the unit against it (policies/registrations.ts);
 * 404 for anyone else and for a registration without one. Each opening is audited: it is a company's
 * document read by an official.
 */
export async function getRegistrationLicence(opts: { db: Db; ctx: RequestContext & { actor: Actor }; id: string }) {
  const { db, ctx } = opts;
  const reg = await findRegistration(db, opts.id);
  if (!reg || !canSeeRegistrationLicence(ctx.actor, reg)) throw new AppError('not_found', '注册申请不存在');
  if (!reg.licence_sha256 || !reg.licence_mime || !reg.licence_name)
    throw new AppError('not_found', '该注册申请没有上传营业执照');
  await auditDownload(db, ctx, {
    action: 'download.registration_licence',
    target: { type: 'registration', id: reg.id },
    summary: { unitName: reg.unit_name, uscc: reg.uscc, fileName: reg.licence_name },
  });
  return { sha256: reg.licence_sha256, mime: reg.licence_mime, fileName: reg.licence_name };
}
