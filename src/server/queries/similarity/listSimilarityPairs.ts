import { AppError } from '../../../domain/errors.js';
import type { SimilarityPair, SimilarityPairsQuery } from '../../../domain/schemas/similarity.js';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { authorizeSimilarityPairs, canOpenSource } from '../../policies/similarity.js';
import { presentSource } from '../../presenters/similarity.js';
import { findBatch } from '../../repositories/batches.js';
import { listSimilarityPairPage } from '../../repositories/similarityPairs.js';
import { settingsFor } from '../../similarity/check.js';

/**
 * The province dashboard's pairs: applications of the batch in the province (the Ministry: all) whose
 * report has a single source at or above the batch's threshold — searched by number or space name of
 * either side, sorted (复制比 highest first by default) and paged in SQL like every list.
 */
export async function listSimilarityPairs(opts: {
  db: Db;
  actor: Actor;
  batchId: string;
  query: Omit<SimilarityPairsQuery, 'threshold'> & { threshold?: number };
}) {
  const { db, actor, query } = opts;
  const { provinceId } = authorizeSimilarityPairs(actor);
  if (!(await findBatch(db, opts.batchId))) throw new AppError('not_found', '批次不存在');
  const threshold = query.threshold ?? (await settingsFor(db, opts.batchId)).pairThreshold;
  const { q, page, pageSize, sort, order, cursor, limit } = query;
  const paged = await listSimilarityPairPage(
    db,
    { batchId: opts.batchId, provinceId, threshold, q },
    { page, pageSize, sort, order, cursor, limit },
  );
  const pairs = paged.items.map((r): SimilarityPair => {
    const s = r.source;
    const open =
      !!s.applicationId &&
      canOpenSource(
        actor,
        { id: s.applicationId, unit_id: s.unitId ?? '', city_id: s.cityId ?? '', province_id: s.provinceId ?? '' },
        false,
      );
    const { ratio, matchedChars, ...source } = presentSource(s, open);
    return {
      applicationId: r.application_id,
      number: r.number,
      spaceName: r.space_name,
      cityName: r.city_name ?? '',
      source,
      ratio,
      matchedChars,
    };
  });
  return {
    threshold,
    pairs,
    total: paged.total,
    page: paged.page,
    pageSize: paged.pageSize,
    nextCursor: paged.nextCursor,
  };
}
