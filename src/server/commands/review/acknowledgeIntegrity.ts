import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import {
  INTEGRITY_PLACEHOLDER_MESSAGE,
  isPlaceholderIntegrityText,
  type AcknowledgeRequest,
} from '../../../domain/schemas/review.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { sha256Hex } from '../applications/canonicalJson.js';
import { assertMayAcknowledge, reviewProvinceOf } from '../../policies/review.js';
import { findAcknowledgement, insertAcknowledgement } from '../../repositories/reviewConfigs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { loadBatchAndProvince, loadReviewConfig } from './loadReviewConfig.js';

/**
 * The user acknowledges the integrity rules (六项承诺 / 八个严禁) of a batch, in the version read:
 * stored with the time and the text's version and SHA-256, and audited. A version that is no longer
 * current answers 409 (the text changed meanwhile: read it again), and so does the placeholder text
 * (the province has not entered the official one: the review cannot begin). Acknowledging again is harmless.
 */
export async function acknowledgeIntegrity(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  input: AcknowledgeRequest;
}) {
  const { db, ctx, input } = opts;
  assertMayAcknowledge(ctx.actor);
  const provinceId = reviewProvinceOf(ctx.actor, input.provinceId);
  const { batch } = await loadBatchAndProvince(db, opts.batchId, provinceId);
  const config = await loadReviewConfig(db, batch.id, provinceId);
  if (isPlaceholderIntegrityText(config.integrityText)) throw new AppError('conflict', INTEGRITY_PLACEHOLDER_MESSAGE);
  if (input.textVersion !== config.integrityVersion)
    throw new AppError('conflict', '廉政规定已更新，请重新阅读最新文本后再确认');
  const key = { userId: ctx.actor.userId, batchId: batch.id, provinceId, textVersion: config.integrityVersion };
  const existing = await findAcknowledgement(db, key);
  if (existing) return { acknowledgement: existing, created: false };
  const id = randomUUID();
  const textSha256 = sha256Hex(config.integrityText);
  try {
    await db.transaction().execute(async (trx) => {
      await insertAcknowledgement(trx, { ...key, id, textSha256, now: ctx.now });
      await appendAudit(trx, ctx, {
        action: 'integrity.acknowledge',
        target: { type: 'batch', id: batch.id },
        summary: { provinceId, textVersion: config.integrityVersion, textSha256 },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return { acknowledgement: (await findAcknowledgement(db, key))!, created: true };
}
