import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { DEFAULT_INTEGRITY_TEXT, type UpdateReviewConfigRequest } from '../../../domain/schemas/review.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { canEditReviewConfig, reviewProvinceOf } from '../../policies/review.js';
import { insertReviewConfig, updateReviewConfig as updateRow } from '../../repositories/reviewConfigs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { DEFAULT_INTEGRITY_VERSION, loadBatchAndProvince, loadReviewConfig } from './loadReviewConfig.js';

/** Gives items without a key the next free `<prefix>_<n>`; keys given are kept (results are stored by key). */
function withKeys<T extends { key?: string }>(items: T[], prefix: string): (T & { key: string })[] {
  const used = new Set(items.map((i) => i.key).filter(Boolean));
  let n = 0;
  return items.map((i) => {
    if (i.key) return i as T & { key: string };
    let key: string;
    do key = `${prefix}_${++n}`;
    while (used.has(key));
    used.add(key);
    return { ...i, key };
  });
}

/**
 * The province officer (or a system administrator over the province) saves the batch's review
 * configuration. The integrity text's version goes up when the text changes, so that every city
 * reviewer acknowledges the new text before reviewing again. Stale version → 409.
 */
export async function updateReviewConfig(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  input: UpdateReviewConfigRequest;
}) {
  const { db, ctx, input } = opts;
  const provinceId = reviewProvinceOf(ctx.actor, input.provinceId);
  const { batch } = await loadBatchAndProvince(db, opts.batchId, provinceId);
  if (!canEditReviewConfig(ctx.actor, provinceId))
    throw new AppError('forbidden', '只有省科技厅业务处室或系统管理员可以修改评审配置');
  const current = await loadReviewConfig(db, batch.id, provinceId);
  if (input.version !== current.version) throw new AppError('version_conflict');

  const checklist = withKeys(input.checklist, 'item').map(({ key, label }) => ({ key, label }));
  const acceptanceChecklist = input.acceptanceChecklist
    ? withKeys(input.acceptanceChecklist, 'formal').map(({ key, label }) => ({ key, label }))
    : current.acceptanceChecklist;
  const criteria = withKeys(input.criteria, 'criterion').map(({ key, label, weight, description }) => ({
    key,
    label,
    weight,
    ...(description ? { description } : {}),
  }));
  const integrityChanged = input.integrityText !== current.integrityText;
  const integrityVersion = !integrityChanged
    ? current.integrityVersion
    : current.row
      ? current.integrityVersion + 1
      : input.integrityText === DEFAULT_INTEGRITY_TEXT
        ? DEFAULT_INTEGRITY_VERSION
        : DEFAULT_INTEGRITY_VERSION + 1;
  const values = {
    checklist: JSON.stringify(checklist),
    acceptanceChecklist: JSON.stringify(acceptanceChecklist),
    integrityText: input.integrityText,
    integrityVersion,
    criteria: JSON.stringify(criteria),
    sameCityRecusal: input.sameCityRecusal,
    userId: ctx.actor.userId,
    now: ctx.now,
  };
  const id = current.row?.id ?? randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      if (current.row) {
        if (!(await updateRow(trx, { ...values, id, version: current.version })))
          throw new AppError('version_conflict');
      } else {
        await insertReviewConfig(trx, { ...values, id, batchId: batch.id, provinceId });
      }
      await appendAudit(trx, ctx, {
        action: 'review_config.update',
        target: { type: 'review_config', id },
        summary: {
          batchId: batch.id,
          provinceId,
          checklist: checklist.map((c) => c.label),
          acceptanceChecklist: acceptanceChecklist.map((c) => c.label),
          criteria: criteria.map((c) => `${c.label}:${c.weight}`),
          sameCityRecusal: input.sameCityRecusal,
          integrityVersion,
          integrityChanged,
        },
      });
    });
  } catch (err) {
    // Two first saves at once: the second finds the row the first created.
    if (isUniqueViolation(err)) throw new AppError('version_conflict');
    throw err;
  }
}
