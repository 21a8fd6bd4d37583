import { AppError } from '../../../domain/errors.js';
import type { SimilaritySettings } from '../../../domain/schemas/similarity.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { authorizeSimilarityAdmin } from '../../policies/similarity.js';
import { findBatch } from '../../repositories/batches.js';
import { saveSettings } from '../../repositories/similarity.js';

/** The province sets a batch's 查重 thresholds (audited). */
export async function updateSimilaritySettings(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  input: SimilaritySettings;
}): Promise<SimilaritySettings> {
  const { db, ctx, input } = opts;
  authorizeSimilarityAdmin(ctx.actor);
  if (!(await findBatch(db, opts.batchId))) throw new AppError('not_found', '批次不存在');
  await db.transaction().execute(async (trx) => {
    await saveSettings(trx, {
      batch_id: opts.batchId,
      pair_threshold: input.pairThreshold,
      boilerplate_min_docs: input.boilerplateMinDocs,
      updated_by: ctx.actor.userId,
      updated_at: ctx.now.toISOString(),
    });
    await appendAudit(trx, ctx, {
      action: 'similarity.settings_update',
      target: { type: 'batch', id: opts.batchId },
      summary: { pairThreshold: input.pairThreshold, boilerplateMinDocs: input.boilerplateMinDocs },
    });
  });
  return input;
}
