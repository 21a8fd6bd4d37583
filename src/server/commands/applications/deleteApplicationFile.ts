import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { authorizeEdit } from '../../policies/applications.js';
import { findFile } from '../../repositories/applications.js';
import { loadVisibleApplication } from './loadApplication.js';

/**
 * Removes a file from a draft or returned application. The row is only marked deleted: submitted
 * snapshots and the audit trail may still name the file, and the stored content stays.
 */
export async function deleteApplicationFile(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  fileId: string;
}) {
  const { db, ctx } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.id);
  authorizeEdit(ctx.actor, app);
  const file = await findFile(db, app.id, opts.fileId);
  if (!file) throw new AppError('not_found', '附件不存在或已删除');
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('application_files')
      .set({ deleted_at: ctx.now.toISOString() })
      .where('id', '=', file.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('not_found', '附件不存在或已删除');
    await appendAudit(trx, ctx, {
      action: 'application.file_delete',
      role: 'applicant',
      target: { type: 'application', id: app.id },
      summary: { fileId: file.id, kind: file.kind, fileName: file.file_name, sha256: file.sha256 },
    });
  });
}
