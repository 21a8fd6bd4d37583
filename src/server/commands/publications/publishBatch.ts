import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { CreatePublicationRequest } from '../../../domain/schemas/publications.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { loadAppInfo } from '../../notifications/transitions.js';
import { messages } from '../../notifications/messages.js';
import { notify } from '../../notifications/notify.js';
import { authorizePublication } from '../../policies/publications.js';
import { usersOfOrg } from '../../repositories/notifications.js';
import { unpublishedDecisions } from '../../repositories/publications.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';

/**
 * The Ministry publishes a batch's list (公布) in one act with its 文号 and date: every decision of the
 * batch not yet published (予以备案 and 不予备案) is published by it; the filed ones appear on the
 * public list from then on, and each applicant hears its result now — not when the decision was taken.
 * `count` is the number of filed spaces published. Nothing to publish is 409.
 */
export async function publishBatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  input: CreatePublicationRequest;
}) {
  const { db, ctx, batchId, input } = opts;
  authorizePublication(ctx.actor);
  const batch = await db.selectFrom('batches').select(['id', 'name']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new AppError('not_found', '批次不存在');
  const id = randomUUID();
  const at = ctx.now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const decisions = await unpublishedDecisions(trx, batchId);
      if (decisions.length === 0)
        throw new AppError(
          'invalid_transition',
          '该批次没有待公布的备案决定（每项申报须先由科技部予以备案或不予备案）',
        );
      const filed = decisions.filter((d) => d.status === 'filed');
      await trx
        .insertInto('publications')
        .values({
          id,
          batch_id: batchId,
          document_no: input.documentNo,
          published_on: input.publishedOn,
          count: filed.length,
          published_by: ctx.actor.userId,
          created_at: at,
        })
        .execute();
      await trx
        .insertInto('publication_items')
        .values(decisions.map((d) => ({ application_id: d.id, publication_id: id, decision: d.status })))
        .execute();
      await appendAudit(trx, ctx, {
        action: 'publication.create',
        role: 'ministry_officer',
        target: { type: 'batch', id: batchId },
        summary: {
          publicationId: id,
          documentNo: input.documentNo,
          publishedOn: input.publishedOn,
          filed: filed.map((d) => d.id),
          notFiled: decisions.filter((d) => d.status !== 'filed').map((d) => d.id),
        },
      });
      const publication = { documentNo: input.documentNo, publishedOn: input.publishedOn };
      for (const d of decisions) {
        const app = await loadAppInfo(trx, d.id);
        if (!app) continue;
        const applicants = await usersOfOrg(trx, app.unitId, ['applicant']);
        const reason =
          d.status === 'filed'
            ? null
            : ((
                await trx
                  .selectFrom('application_events')
                  .select('comment')
                  .where('application_id', '=', d.id)
                  .where('action', '=', 'reject')
                  .orderBy('at', 'desc')
                  .executeTakeFirst()
              )?.comment ?? null);
        await notify(
          trx,
          ctx.now,
          applicants,
          d.status === 'filed'
            ? messages.filed(app.info, publication)
            : messages.notFiled(app.info, reason, publication),
        );
      }
      return { publication: { id, documentNo: input.documentNo, publishedOn: input.publishedOn, count: filed.length } };
    });
  } catch (err) {
    // Another publication took the same decisions first.
    if (isUniqueViolation(err)) throw new AppError('invalid_transition', '这些备案决定刚刚已被公布，请刷新后查看');
    throw err;
  }
}
