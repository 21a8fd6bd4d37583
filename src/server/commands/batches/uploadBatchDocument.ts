import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { saveFile, storedFileName, type ReceivedUpload } from '../../files/store.js';
import type { FileStore } from '../../files/fileStore.js';
import { assertCanManageBatches } from '../../policies/batches.js';
import { findBatch, findBatchDocument, nextDocumentSortOrder } from '../../repositories/batches.js';

/**
 * The system administrator adds a downloadable document to a batch (a template of attachments 2–5,
 * or another notice). Who and which batch are checked before the body is read (`receive` parses it); the file store
 * checks type (PDF, DOCX, XLSX, JPG, PNG, by content) and size and keeps the file by its SHA-256.
 */
export async function uploadBatchDocument(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  files: FileStore;
  batchId: string;
  receive: () => Promise<ReceivedUpload>;
}) {
  const { db, ctx, batchId } = opts;
  assertCanManageBatches(ctx.actor);
  const batch = await findBatch(db, batchId);
  if (!batch) throw new AppError('not_found', '批次不存在');
  const upload = await opts.receive();
  const givenTitle = upload.fields.title?.trim();
  if (givenTitle !== undefined && givenTitle.length > 100) {
    upload.stream.resume();
    throw new AppError('validation_failed', '文件标题不能超过 100 个字', [
      { path: 'title', message: '文件标题不能超过 100 个字' },
    ]);
  }

  const stored = await saveFile(opts.files, upload.stream);
  const fileName = storedFileName(upload.fileName, stored.ext);
  const title = givenTitle || fileName.replace(/\.[^.]+$/, '');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('batch_documents')
      .values({
        id,
        batch_id: batchId,
        title,
        file_sha256: stored.sha256,
        file_name: fileName,
        mime: stored.mime,
        size: stored.size,
        sort_order: await nextDocumentSortOrder(trx, batchId),
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'batch.document_upload',
      target: { type: 'batch', id: batchId },
      summary: { documentId: id, title, fileName, sha256: stored.sha256, size: stored.size },
    });
  });
  return (await findBatchDocument(db, batchId, id))!;
}
