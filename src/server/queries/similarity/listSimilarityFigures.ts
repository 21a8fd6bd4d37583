import type { SimilarityFigures } from '../../../domain/schemas/similarity.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { reachesByAssignment } from '../../policies/applications.js';
import { canOpenSource } from '../../policies/similarity.js';
import { assignedAmong, chunks } from '../../repositories/similarity.js';

/**
 * The 复制比 of the listed applications, for the queue's column: only those whose report the viewer
 * may read (a reviewer within jurisdiction or an assigned expert); others are left out silently.
 */
export async function listSimilarityFigures(db: Executor, actor: Actor, ids: readonly string[]) {
  const figures: SimilarityFigures[] = [];
  const assigned = reachesByAssignment(actor) ? await assignedAmong(db, actor.userId, ids) : new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('applications as a')
      .leftJoin('similarity_reports as r', (j) =>
        j.onRef('r.application_id', '=', 'a.id').onRef('r.snapshot_id', '=', 'a.current_snapshot_id'),
      )
      .select([
        'a.id',
        'a.unit_id',
        'a.city_id',
        'a.province_id',
        'a.current_snapshot_id',
        'r.status',
        'r.overall',
        'r.overall_excluding_same_unit',
        'r.max_single_source',
      ])
      .where('a.id', 'in', part)
      .execute();
    for (const r of rows) {
      if (!r.current_snapshot_id || !canOpenSource(actor, r, assigned.has(r.id))) continue;
      const ready = r.status === 'ready';
      figures.push({
        applicationId: r.id,
        status: ready ? 'ready' : r.status === 'failed' ? 'failed' : 'pending',
        overall: ready ? r.overall : null,
        overallExcludingSameUnit: ready ? r.overall_excluding_same_unit : null,
        maxSingleSource: ready ? r.max_single_source : null,
      });
    }
  }
  return { figures };
}
