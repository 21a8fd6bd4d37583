import { AppError } from '../../../domain/errors.js';
import type { UpdateBatchRequest } from '../../../domain/schemas/batches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { BatchTable } from '../../db/schema.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanManageBatches } from '../../policies/batches.js';
import { findBatch, findBatchByName, updateBatch as writeBatch } from '../../repositories/batches.js';

/** The system administrator edits a batch's name, year, notice, status or required uploads; version-guarded. */
export async function updateBatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: UpdateBatchRequest;
}) {
  const { db, ctx, id, input } = opts;
  assertCanManageBatches(ctx.actor);
  const batch = await findBatch(db, id);
  if (!batch) throw new AppError('not_found', '批次不存在');
  if (input.name !== undefined && input.name !== batch.name) {
    const other = await findBatchByName(db, input.name);
    if (other && other.id !== id)
      throw new AppError('conflict', '已有同名批次', [{ path: 'name', message: '已有同名批次' }]);
  }
  const changes: Partial<BatchTable> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.year !== undefined) changes.year = input.year;
  if (input.noticeText !== undefined) changes.notice_text = input.noticeText;
  if (input.noticeTitle !== undefined) changes.notice_title = input.noticeTitle;
  if (input.noticeNo !== undefined) changes.notice_no = input.noticeNo;
  if (input.status !== undefined) changes.status = input.status;
  if (input.requiredFileKinds !== undefined) changes.required_file_kinds = JSON.stringify(input.requiredFileKinds);
  if (input.recordedDates !== undefined) changes.recorded_dates = JSON.stringify(input.recordedDates);
  await db.transaction().execute(async (trx) => {
    if (!(await writeBatch(trx, id, input.version, changes, ctx.now))) throw new AppError('version_conflict');
    await appendAudit(trx, ctx, {
      action: 'batch.update',
      target: { type: 'batch', id },
      summary: {
        changed: Object.keys(changes),
        ...(input.status !== undefined && input.status !== batch.status ? { status: input.status } : {}),
      },
    });
  });
  return { id };
}
