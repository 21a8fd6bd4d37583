import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LICENCE_FILE_TYPES, LICENCE_MAX_BYTES, LICENCE_TOKEN_MINUTES } from '../../../domain/schemas/registrations.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import type { FileStore } from '../../files/fileStore.js';
import { saveFile, storedFileName, type ReceivedUpload } from '../../files/store.js';
import { insertLicenceUpload } from '../../repositories/registrations.js';

/** Only the SHA-256 of a licence token is stored: the database alone cannot bind an upload. */
export const licenceTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A unit uploads its 营业执照 before registering (registration is anonymous, and the JSON registration
 * cannot carry a file): the file goes through the same safe path as the application files (type by
 * content from a bounded prefix, PDF/JPG/PNG only, at most 10 MB, nothing kept on refusal), and the
 * answer is a one-time token that the registration binds within the hour. Nobody can read the file
 * through the token; once bound, only the city's and province's officials and admins can.
 */
export async function uploadRegistrationLicence(opts: {
  db: Db;
  ctx: RequestContext;
  files: FileStore;
  receive: () => Promise<ReceivedUpload>;
}) {
  const { db, ctx } = opts;
  const upload = await opts.receive();
  const stored = await saveFile(opts.files, upload.stream, {
    maxBytes: LICENCE_MAX_BYTES,
    allowed: LICENCE_FILE_TYPES,
  });
  const token = randomBytes(24).toString('base64url');
  const id = randomUUID();
  const fileName = storedFileName(upload.fileName ?? '营业执照', stored.ext);
  await db.transaction().execute(async (trx) => {
    await insertLicenceUpload(trx, {
      id,
      token_hash: licenceTokenHash(token),
      sha256: stored.sha256,
      mime: stored.mime,
      file_name: fileName,
      size: stored.size,
      created_at: ctx.now.toISOString(),
      registration_id: null,
      used_at: null,
    });
    await appendAudit(trx, ctx, {
      action: 'registration.licence_upload',
      target: { type: 'registration_licence', id },
      summary: { fileName, sha256: stored.sha256, size: stored.size, mime: stored.mime },
    });
  });
  const expiresAt = new Date(ctx.now.getTime() + LICENCE_TOKEN_MINUTES * 60_000).toISOString();
  return { token, fileName, mime: stored.mime, size: stored.size, expiresAt };
}
