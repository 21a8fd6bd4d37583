import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import {
  applicationFileKindLabels,
  applicationFileKindSchema,
  MAX_FILES_PER_APPLICATION,
  UPLOAD_MAX_BYTES,
} from '../../../domain/schemas/applications.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { saveFile, storedFileName } from '../../files/store.js';
import type { FileStore } from '../../files/fileStore.js';
import { authorizeEdit } from '../../policies/applications.js';
import { countFiles, findFile } from '../../repositories/applications.js';
import { loadVisibleApplication } from './loadApplication.js';

/**
 * Attaches an uploaded file to a draft or returned application. Everything is checked before the
 * upload is read (who, which state, which kind), so a refused request stores nothing; the file store
 * then checks size and type by content.
 */
export async function uploadApplicationFile(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  files: FileStore;
  id: string;
  kind: string | undefined;
  fileName: string | undefined;
  stream: Readable;
}) {
  const { db, ctx } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  authorizeEdit(ctx.actor, app);
  const kind = applicationFileKindSchema.safeParse(opts.kind);
  if (!kind.success) {
    const message = opts.kind ? '附件类别不正确' : '请选择附件类别（kind 字段须在文件之前提交）';
    throw new AppError('validation_failed', message, [{ path: 'kind', message }]);
  }
  if ((await countFiles(db, app.id)) >= MAX_FILES_PER_APPLICATION)
    throw new AppError('conflict', `每份申报最多上传 ${MAX_FILES_PER_APPLICATION} 个附件，请先删除不需要的附件`);

  const stored = await saveFile(opts.files, opts.stream, { maxBytes: UPLOAD_MAX_BYTES });
  const id = randomUUID();
  const fileName = storedFileName(opts.fileName, stored.ext);
  await db.transaction().execute(async (trx) => {
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
