import { AppError } from '../../../domain/errors.js';
import type { SimilarityPair, SimilarityPairsQuery } from '../../../domain/schemas/similarity.js';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { authorizeSimilarityPairs, canOpenSource } from '../../policies/similarity.js';
import { presentSource } from '../../presenters/similarity.js';
import { findBatch } from '../../repositories/batches.js';
import { settingsFor } from '../../similarity/check.js';
import { parseStoredReport } from './getSimilarityReport.js';

/** Whether the pair's application or its source has `q` in its number or space name. */
const matches = (p: SimilarityPair, q: string) =>
  [p.number, p.spaceName, p.source.number, p.source.spaceName].some((v) => !!v && v.includes(q));

const compare: Record<SimilarityPairsQuery['sort'], (a: SimilarityPair, b: SimilarityPair) => number> = {
  ratio: (a, b) => a.ratio - b.ratio,
  matchedChars: (a, b) => a.matchedChars - b.matchedChars,
  number: (a, b) => (a.number ?? '').localeCompare(b.number ?? ''),
};
/** The last key, so that pages never overlap or skip a pair. */
const pairKey = (p: SimilarityPair) => `${p.applicationId}:${p.source.applicationId ?? p.source.number ?? ''}`;

/**
 * The province dashboard's pairs: applications of the batch in the province (the Ministry: all) whose
 * report has a single source at or above the batch's threshold — searched by number or space name of
 * either side, sorted (复制比 highest first by default) and paged like every list.
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
  const found = query.q ? pairs.filter((p) => matches(p, query.q!)) : pairs;
  const sign = query.order === 'asc' ? 1 : -1;
  found.sort((a, b) => sign * (compare[query.sort](a, b) || pairKey(a).localeCompare(pairKey(b))));
  const start = (query.page - 1) * query.pageSize;
  return {
    threshold,
    pairs: found.slice(start, start + query.pageSize),
    total: found.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
