import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { CreateDispatchRequest } from '../../../domain/schemas/dispatches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import type { DispatchLevel } from '../../../domain/workflow.js';
import { appendAudit } from '../../audit/audit.js';
import { letterBody } from '../../../domain/letters.js';
import { creatingLevel } from '../../policies/dispatches.js';
import { findBatchNotice } from '../../repositories/documents.js';
import { notifyDispatchToSign } from '../../notifications/dispatches.js';
import { findApplicationsForDispatch, hasSentDispatch, replaceDispatchItems } from '../../repositories/dispatches.js';
import { chooseApplications } from './chooseApplications.js';

/**
 * A city reviewer assembles the city's recommended applications, or a province officer the
 * province's province_recommended ones, in rank order with the recommendation letter (a draft).
 * Supplementary when the organisation already sent a dispatch of that level in the batch.
 */
export async function createDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  input: CreateDispatchRequest;
}) {
  const { db, ctx, input } = opts;
  const actor = ctx.actor;
  const { level, role } = creatingLevel(actor);
  if (input.batchId) {
    const batch = await db.selectFrom('batches').select('id').where('id', '=', input.batchId).executeTakeFirst();
    if (!batch) throw new AppError('validation_failed', '批次不存在', [{ path: 'batchId', message: '批次不存在' }]);
  }
  const fromOrgId = level === 'city' ? actor.cityId! : actor.provinceId!;
  const id = randomUUID();
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction, so that two reviewers cannot put one application in two drafts.
    const { batchId } = await chooseApplications(trx, actor, {
      level,
      ids: input.applicationIds,
      batchId: input.batchId,
    });
    const supplementary = await hasSentDispatch(trx, batchId, level, fromOrgId);
    // No letter given: the body from the shared template, citing the batch's notice (title and 文号).
    const letter = input.letter ?? (await defaultLetter(trx, level, batchId, input.applicationIds));
    await trx
      .insertInto('dispatches')
      .values({
        id,
        batch_id: batchId,
        level,
        from_org_id: fromOrgId,
        province_id: actor.provinceId!,
        status: 'draft',
        supplementary: supplementary ? 1 : 0,
        letter,
        letter_no: input.letterNo ?? null,
        contact_name: input.contactName ?? null,
        contact_phone: input.contactPhone ?? null,
        created_by: actor.userId,
        created_at: at,
        sent_by: null,
        sent_at: null,
        pledge_signer_name: null,
        received_by: null,
        received_at: null,
        updated_at: at,
        version: 1,
      })
      .execute();
    await replaceDispatchItems(trx, id, input.applicationIds);
    await appendAudit(trx, ctx, {
      action: 'dispatch.create',
      role,
      target: { type: 'dispatch', id },
      summary: { level, batchId, applicationIds: input.applicationIds, supplementary },
    });
    await notifyDispatchToSign(trx, ctx.now, { id, level, from_org_id: fromOrgId, province_id: actor.provinceId! });
  });
  return { id };
}

async function defaultLetter(trx: Executor, level: DispatchLevel, batchId: string, ids: string[]) {
  const notice = await findBatchNotice(trx, batchId);
  const items = await findApplicationsForDispatch(trx, ids);
  const byId = new Map(items.map((i) => [i.id, i]));
  return letterBody({
    level,
    ...notice,
    items: ids.map((id) => ({ spaceName: byId.get(id)?.space_name ?? null, unitName: byId.get(id)?.unit_name ?? '' })),
  });
}
