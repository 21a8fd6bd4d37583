import type { RankingListQuery, RankingSort } from '../../../domain/schemas/experts.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { getRanking, type RankingEntry } from '../../commands/experts/ranking.js';
import { paginate } from '../pagination.js';

/** The value each sort key orders by; null sorts last whatever the order (as orderBySort does). */
const SORT_VALUE: Record<RankingSort, (e: RankingEntry) => string | number | null> = {
  rank: (e) => e.rank,
  number: (e) => e.app.number,
  cityName: (e) => e.app.city_name,
  fieldVisitCount: (e) => e.fieldVisitCount,
};

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * One page of the province's ranking (GET /api/batches/:id/ranking). The ranking is computed whole
 * (the means come from each expert's scores), so each rank is the application's place in the whole
 * ranking, whatever the filter, sort or page; the filters narrow it and the page is cut from it. The
 * default order is the ranking's own: by score, highest first, unscored last. The Excel export uses
 * getRanking and so always exports the whole ranking.
 */
export async function listRankingPage(opts: { db: Executor; actor: Actor; batchId: string; query: RankingListQuery }) {
  const { query } = opts;
  const ranking = await getRanking({
    db: opts.db,
    actor: opts.actor,
    batchId: opts.batchId,
    provinceId: query.provinceId,
  });
  const needle = query.q?.toLowerCase();
  const position = new Map(ranking.entries.map((e, i) => [e, i]));
  const value = SORT_VALUE[query.sort];
  const sign = query.order === 'asc' ? 1 : -1;
  const rows = ranking.entries
    .filter(
      (e) =>
        (!query.cityId || e.app.city_id === query.cityId) &&
        (!query.status || e.app.status === query.status) &&
        (!needle ||
          (e.app.space_name ?? '').toLowerCase().includes(needle) ||
          e.app.unit_name.toLowerCase().includes(needle) ||
          (e.app.number ?? '').toLowerCase() === needle),
    )
    .sort((x, y) => {
      const vx = value(x);
      const vy = value(y);
      // Empty values last in either order; ties keep the ranking's order.
      if (vx === null || vy === null) return compare(vx, vy) || position.get(x)! - position.get(y)!;
      return sign * compare(vx, vy) || position.get(x)! - position.get(y)!;
    });
  const page = await paginate(query, {
    rows: async (limit, offset) => rows.slice(offset, offset + limit),
    count: async () => rows.length,
  });
  return { ...ranking, page };
}
