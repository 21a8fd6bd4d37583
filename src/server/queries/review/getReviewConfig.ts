import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import {
  assertCanReadReviewConfig,
  canEditReviewConfig,
  mustAcknowledgeIntegrity,
  reviewProvinceOf,
} from '../../policies/review.js';
import { findAcknowledgement } from '../../repositories/reviewConfigs.js';
import {
  loadBatchAndProvince,
  loadReviewConfig,
  type EffectiveReviewConfig,
} from '../../commands/review/loadReviewConfig.js';

export interface ReviewConfigView {
  batch: { id: string; name: string };
  province: { id: string; name: string };
  config: EffectiveReviewConfig;
  canEdit: boolean;
  acknowledgement: { required: boolean; acknowledgedAt: string | null };
}

/** The review configuration of a batch for the actor's province (or the one named), with the actor's acknowledgement. */
export async function getReviewConfig(opts: {
  db: Executor;
  actor: Actor;
  batchId: string;
  provinceId?: string;
}): Promise<ReviewConfigView> {
  const { db, actor } = opts;
  assertCanReadReviewConfig(actor);
  const provinceId = reviewProvinceOf(actor, opts.provinceId);
  const { batch, province } = await loadBatchAndProvince(db, opts.batchId, provinceId);
  const config = await loadReviewConfig(db, batch.id, provinceId);
  const ack = await findAcknowledgement(db, {
    userId: actor.userId,
    batchId: batch.id,
    provinceId,
    textVersion: config.integrityVersion,
  });
  return {
    batch: { id: batch.id, name: batch.name },
    province: { id: province.id, name: province.name },
    config,
    canEdit: canEditReviewConfig(actor, provinceId),
    acknowledgement: { required: mustAcknowledgeIntegrity(actor), acknowledgedAt: ack?.acknowledged_at ?? null },
  };
}
