import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { NARRATIVE_IMAGE_FILE_KIND } from '../../../domain/narrative/schema.js';
import {
  applicationFileKindLabels,
  MAX_FILES_PER_APPLICATION,
  UPLOAD_MAX_BYTES,
  uploadFileKindSchema,
} from '../../../domain/schemas/applications.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Trx } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { saveFile, storedFileName, type ReceivedUpload } from '../../files/store.js';
import type { FileStore } from '../../files/fileStore.js';
import { authorizeEdit } from '../../policies/applications.js';
import { countFiles, findFile } from '../../repositories/applications.js';
import { lockRow } from '../../repositories/locks.js';
import { loadVisibleApplication } from './loadApplication.js';

const tooMany = () =>
  new AppError('conflict', `每份申报最多上传 ${MAX_FILES_PER_APPLICATION} 个附件，请先删除不需要的附件`);

/**
 * Attaches an uploaded file to a draft or returned application. Who, which state and the file count
 * are checked before the body is read (`receive` parses it), so a refused request stores nothing and
 * costs nothing; the kind comes with the fields before the file; the file store then checks size and
 * type by content. The count is taken again under a lock on the application in the inserting
 * transaction, so parallel uploads cannot exceed the limit.
 */
export async function uploadApplicationFile(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  files: FileStore;
  id: string;
  /** The kind when the form does not carry one (the query string). */
  kind: string | undefined;
  receive: () => Promise<ReceivedUpload>;
}) {
  const { db, ctx } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  authorizeEdit(ctx.actor, app);
  if ((await countFiles(db, app.id)) >= MAX_FILES_PER_APPLICATION) throw tooMany();
  const upload = await opts.receive();
  const givenKind = upload.fields.kind ?? opts.kind;
  const kind = uploadFileKindSchema.safeParse(givenKind);
  if (!kind.success) {
    upload.stream.resume();
    const message = givenKind ? '附件类别不正确' : '请选择附件类别（kind 字段须在文件之前提交）';
    throw new AppError('validation_failed', message, [{ path: 'kind', message }]);
  }

  // The 申报书's pictures are shown in browsers and embedded in the PDF and Word: PNG or JPEG only.
  const allowed = kind.data === NARRATIVE_IMAGE_FILE_KIND ? (['png', 'jpg'] as const) : undefined;
  const stored = await saveFile(opts.files, upload.stream, { maxBytes: UPLOAD_MAX_BYTES, allowed });
  const id = randomUUID();
  const fileName = storedFileName(upload.fileName, stored.ext);
  await db.transaction().execute(async (trx) => {
    // The state may have moved on while the file streamed in; the lock then holds it still.
    await lockRow(trx, 'applications', app.id);
    authorizeEdit(ctx.actor, { ...app, ...(await currentStatus(trx, app.id)) });
    if ((await countFiles(trx, app.id)) >= MAX_FILES_PER_APPLICATION) throw tooMany();
    await trx
      .insertInto('application_files')
      .values({
        id,
        application_id: app.id,
        kind: kind.data,
        sha256: stored.sha256,
        file_name: fileName,
        mime: stored.mime,
        size: stored.size,
        uploaded_by: ctx.actor.userId,
        uploaded_at: ctx.now.toISOString(),
        deleted_at: null,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'application.file_upload',
      role: 'applicant',
      target: { type: 'application', id: app.id },
      summary: {
        fileId: id,
        kind: kind.data,
        kindLabel: applicationFileKindLabels[kind.data],
        fileName,
        sha256: stored.sha256,
        size: stored.size,
      },
    });
  });
  return (await findFile(db, app.id, id))!;
}

const currentStatus = (trx: Trx, id: string) =>
  trx.selectFrom('applications').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
