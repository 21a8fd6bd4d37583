import { RANKING_STATUSES } from '../../../domain/schemas/experts.js';
import type { Criterion } from '../../../domain/schemas/review.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { rankingProvinceOf } from '../../policies/experts.js';
import { countFieldVisits } from '../../repositories/fieldVisits.js';
import { loadBatchAndProvince, loadReviewConfig } from '../review/loadReviewConfig.js';

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((s, x) => s + x, 0) / xs.length) : null);

export interface RankingEntry {
  rank: number | null;
  app: {
    id: string;
    number: string | null;
    space_name: string | null;
    status: string;
    batch_id: string;
    city_id: string;
    unit_name: string;
    city_name: string;
    batch_name: string;
  };
  averageScore: number | null;
  scoredCount: number;
  assignedCount: number;
  criteriaAverages: { key: string; average: number | null }[];
  fieldVisitCount: number;
}

/**
 * The province's applications under assessment ranked by the mean of the submitted experts' totals
 * (each out of 100), highest first; ties share a rank; applications nobody scored yet come last.
 */
export async function getRanking(opts: {
  db: Executor;
  actor: Actor;
  batchId: string;
  provinceId?: string;
}): Promise<{ batchId: string; provinceId: string; criteria: Criterion[]; entries: RankingEntry[] }> {
  const { db } = opts;
  const provinceId = rankingProvinceOf(opts.actor, opts.provinceId);
  const { batch } = await loadBatchAndProvince(db, opts.batchId, provinceId);
  const { criteria } = await loadReviewConfig(db, batch.id, provinceId);
  const apps = await db
    .selectFrom('applications as a')
    .innerJoin('orgs as unit', 'unit.id', 'a.unit_id')
    .innerJoin('orgs as city', 'city.id', 'a.city_id')
    .innerJoin('batches as b', 'b.id', 'a.batch_id')
    .select([
      'a.id',
      'a.number',
      'a.space_name',
      'a.status',
      'a.batch_id',
      'a.city_id',
      'unit.name as unit_name',
      'city.name as city_name',
      'b.name as batch_name',
    ])
    .where('a.batch_id', '=', batch.id)
    .where('a.province_id', '=', provinceId)
    .where('a.status', 'in', [...RANKING_STATUSES])
    .execute();
  const ids = apps.map((a) => a.id);
  const [assignments, visits] = await Promise.all([
    ids.length
      ? db
          .selectFrom('expert_assignments')
          .select(['application_id', 'status', 'scores', 'total_score'])
          .where('application_id', 'in', ids)
          .where('status', '!=', 'withdrawn')
          .execute()
      : Promise.resolve([]),
    countFieldVisits(db, ids),
  ]);
  const visitCount = new Map(visits.map((v) => [v.application_id, Number(v.n)]));
  const entries: RankingEntry[] = apps.map((app) => {
    const mine = assignments.filter((x) => x.application_id === app.id);
    const scored = mine.filter((x) => x.status === 'submitted' && x.total_score !== null);
    const perCriterion = new Map<string, number[]>();
    for (const s of scored) {
      for (const { key, score } of JSON.parse(s.scores ?? '[]') as { key: string; score: number }[])
        perCriterion.set(key, [...(perCriterion.get(key) ?? []), Number(score)]);
    }
    return {
      rank: null,
      app,
      averageScore: mean(scored.map((s) => Number(s.total_score))),
      scoredCount: scored.length,
      assignedCount: mine.length,
      criteriaAverages: criteria.map((c) => ({ key: c.key, average: mean(perCriterion.get(c.key) ?? []) })),
      fieldVisitCount: visitCount.get(app.id) ?? 0,
    };
  });
  entries.sort(
    (x, y) =>
      (y.averageScore ?? -1) - (x.averageScore ?? -1) ||
      (x.app.number ?? '').localeCompare(y.app.number ?? '') ||
      x.app.id.localeCompare(y.app.id),
  );
  entries.forEach((e, i) => {
    if (e.averageScore === null) return;
    const prev = entries[i - 1];
    e.rank = prev && prev.averageScore === e.averageScore ? prev.rank : i + 1;
  });
  return { batchId: batch.id, provinceId, criteria, entries };
}
