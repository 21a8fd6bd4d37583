import { AppError } from '../../../domain/errors.js';
import type { UpdateDispatchRequest } from '../../../domain/schemas/dispatches.js';
import type { DispatchLevel } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { authorizeDispatchEdit } from '../../policies/dispatches.js';
import { findDispatch, replaceDispatchItems } from '../../repositories/dispatches.js';
import { chooseApplications } from './chooseApplications.js';
import { notifyDispatchToSign } from '../../notifications/dispatches.js';

/**
 * Changes a draft dispatch's applications (and their ranks), letter, 文号 or contact; a stale version
 * is 409. Editing a package the approver returned puts it back to signature (a draft), and the
 * approvers hear of it again.
 */
export async function updateDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: UpdateDispatchRequest;
}) {
  const { db, ctx, id, input } = opts;
  const d = await findDispatch(db, id);
  if (!d) throw new AppError('not_found');
  const role = authorizeDispatchEdit(ctx.actor, d);
  if (input.version !== d.version) throw new AppError('version_conflict');
  await db.transaction().execute(async (trx) => {
    if (input.applicationIds)
      await chooseApplications(trx, ctx.actor, {
        level: d.level as DispatchLevel,
        ids: input.applicationIds,
        batchId: d.batch_id,
        exceptDispatchId: id,
      });
    const res = await trx
      .updateTable('dispatches')
      .set({
        ...(input.letter !== undefined ? { letter: input.letter } : {}),
        ...(input.letterNo !== undefined ? { letter_no: input.letterNo } : {}),
        ...(input.contactName !== undefined ? { contact_name: input.contactName } : {}),
        ...(input.contactPhone !== undefined ? { contact_phone: input.contactPhone } : {}),
        status: 'draft',
        updated_at: ctx.now.toISOString(),
        version: d.version + 1,
      })
      .where('id', '=', id)
      .where('status', '=', d.status)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('version_conflict');
    if (input.applicationIds) await replaceDispatchItems(trx, id, input.applicationIds);
    await appendAudit(trx, ctx, {
      action: 'dispatch.update',
      role,
      target: { type: 'dispatch', id },
      summary: {
        ...(input.applicationIds ? { applicationIds: input.applicationIds } : {}),
        ...(input.letter !== undefined ? { letterChanged: input.letter !== d.letter } : {}),
        ...(d.status === 'returned' ? { resubmitted: true } : {}),
      },
    });
    if (d.status === 'returned') await notifyDispatchToSign(trx, ctx.now, d);
  });
  return { id };
}
