import { AppError } from '../../../domain/errors.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { authorizeLicenceReplacement, LICENCE_DECIDED } from '../../policies/registrations.js';
import { bindLicenceUpload, replaceLicence } from '../../repositories/registrations.js';
import { authenticateRegistrant } from './authenticateRegistrant.js';
import { licenceGone, uploadedLicence } from './registerUnit.js';

/**
 * The registrant replaces the 营业执照 of its registration with one it has just uploaded (the upload's
 * token), while the city has not decided (policies/registrations.ts; 409 otherwise, nothing changed).
 * The old file stays where it is (retention removes files nothing references); the change is audited.
 */
export async function replaceRegistrationLicence(opts: {
  db: Db;
  ctx: RequestContext;
  input: { username: string; password: string; licenceToken: string };
}) {
  const { db, ctx, input } = opts;
  const reg = await authenticateRegistrant({ db, ctx, username: input.username, password: input.password });
  authorizeLicenceReplacement(reg);
  const licence = await uploadedLicence(db, input.licenceToken, ctx.now);
  await db.transaction().execute(async (trx) => {
    if (!(await bindLicenceUpload(trx, licence.id, reg.id, ctx.now))) throw licenceGone();
    // Conditional on the status and version read: a decision in between leaves everything as it was.
    const replaced = await replaceLicence(trx, reg.id, reg.version, {
      sha256: licence.sha256,
      mime: licence.mime,
      name: licence.file_name,
      size: Number(licence.size),
    });
    if (!replaced) throw new AppError('invalid_transition', LICENCE_DECIDED);
    await appendAudit(trx, ctx, {
      action: 'registration.licence_replace',
      actorName: reg.username,
      orgId: reg.city_id,
      target: { type: 'registration', id: reg.id },
      summary: { previousSha256: reg.licence_sha256, licenceSha256: licence.sha256, fileName: licence.file_name },
    });
  });
}
