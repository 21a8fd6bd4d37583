import { AppError } from '../../../domain/errors.js';
import type { SimilarityPair } from '../../../domain/schemas/similarity.js';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { authorizeSimilarityPairs, canOpenSource } from '../../policies/similarity.js';
import { presentSource } from '../../presenters/similarity.js';
import { findBatch } from '../../repositories/batches.js';
import { settingsFor } from '../../similarity/check.js';
import { parseStoredReport } from './getSimilarityReport.js';

/**
 * The province dashboard's pairs: applications of the batch in the province (the Ministry: all) whose
 * report has a single source at or above the batch's threshold, highest first.
 */
export async function listSimilarityPairs(opts: { db: Db; actor: Actor; batchId: string; threshold?: number }) {
  const { db, actor } = opts;
  const { provinceId } = authorizeSimilarityPairs(actor);
  if (!(await findBatch(db, opts.batchId))) throw new AppError('not_found', '批次不存在');
  const threshold = opts.threshold ?? (await settingsFor(db, opts.batchId)).pairThreshold;
  const rows = await db
    .selectFrom('similarity_reports as r')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.id', '=', 'r.application_id').onRef('a.current_snapshot_id', '=', 'r.snapshot_id'),
    )
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .select(['a.id', 'a.number', 'a.space_name', 'city.short_name as city_name', 'r.report'])
    .where('a.batch_id', '=', opts.batchId)
    .where('r.status', '=', 'ready')
    .where('r.max_single_source', '>=', threshold)
    .$if(provinceId !== null, (q) => q.where('a.province_id', '=', provinceId!))
    .execute();
  const pairs: SimilarityPair[] = [];
  for (const r of rows) {
    for (const s of parseStoredReport(r.report)?.sources ?? []) {
      if (s.ratio < threshold) continue;
      const open =
        !!s.applicationId &&
        canOpenSource(
          actor,
          { id: s.applicationId, unit_id: s.unitId ?? '', city_id: s.cityId ?? '', province_id: s.provinceId ?? '' },
          false,
        );
      const { ratio, matchedChars, ...source } = presentSource(s, open);
      pairs.push({
        applicationId: r.id,
        number: r.number,
        spaceName: r.space_name,
        cityName: r.city_name ?? '',
        source,
        ratio,
        matchedChars,
      });
    }
  }
  pairs.sort((a, b) => b.ratio - a.ratio);
  return { threshold, pairs };
}
