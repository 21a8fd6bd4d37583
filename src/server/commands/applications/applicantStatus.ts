import type { ApplicationStatus } from '../../../domain/workflow.js';
import type { Executor } from '../../db/database.js';
import type { ApplicationScope } from '../../policies/applications.js';

/** The Ministry's decisions: they reach the applicant unit only once published (issue 14). */
export const MINISTRY_DECISIONS: readonly string[] = ['filed', 'not_filed'];
/** What the unit sees while the decision is not published: the application still with the Ministry. */
export const AWAITING_PUBLICATION: ApplicationStatus = 'dispatched_to_ministry';

/** A list scope that is the applicant unit's own and nothing more (its accounts see masked statuses). */
export const isUnitOnlyScope = (s: ApplicationScope) =>
  !s.all && !!s.unitId && !s.cityId && !s.provinceId && !s.expertId;

/** Of the given applications, those whose decision no publication covers yet. */
export async function unpublishedDecisionIds(db: Executor, rows: { id: string; status: string }[]) {
  const decided = rows.filter((r) => MINISTRY_DECISIONS.includes(r.status)).map((r) => r.id);
  if (decided.length === 0) return new Set<string>();
  const published = await db
    .selectFrom('publication_items')
    .select('application_id')
    .where('application_id', 'in', decided)
    .execute();
  const seen = new Set(published.map((p) => p.application_id));
  return new Set(decided.filter((id) => !seen.has(id)));
}

/**
 * The rows as the applicant unit sees them: an unpublished 予以备案 / 不予备案 shows as 已报送科技部,
 * so that no list, count or filter gives a result away before the Ministry publishes it.
 */
export async function maskUnpublished<T extends { id: string; status: string }>(db: Executor, rows: T[]): Promise<T[]> {
  const hidden = await unpublishedDecisionIds(db, rows);
  return hidden.size === 0 ? rows : rows.map((r) => (hidden.has(r.id) ? { ...r, status: AWAITING_PUBLICATION } : r));
}
