import { AppError } from '../../../domain/errors.js';
import type { SimilarityReport } from '../../../domain/schemas/similarity.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorizeSimilarityView, canOpenSource } from '../../policies/similarity.js';
import { reachesByAssignment } from '../../policies/applications.js';
import { failedReport, pendingReport, presentSimilarityReport } from '../../presenters/similarity.js';
import { isAssignedExpert } from '../../repositories/expertAssignments.js';
import { assignedAmong, findReport } from '../../repositories/similarity.js';
import { CHECK_FAILED_MESSAGE } from '../../similarity/checks.js';
import type { StoredReport } from '../../similarity/engine.js';
import { loadVisibleApplication } from '../../commands/applications/loadApplication.js';

/** The stored report of an application, parsed (null when absent or unreadable). */
export function parseStoredReport(json: string | null): StoredReport | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredReport;
  } catch {
    return null;
  }
}

/**
 * The 查重 report of an application's current snapshot as the actor may see it: 404 outside its
 * reach, 403 for the applicant, 409 before the first submission; "pending" until computed, "failed"
 * when every try of the check failed.
 */
export async function getSimilarityReport(opts: { db: Executor; actor: Actor; id: string }) {
  const { db, actor } = opts;
  const app = await loadVisibleApplication(db, actor, opts.id);
  const assigned = reachesByAssignment(actor) && (await isAssignedExpert(db, actor.userId, app.id));
  authorizeSimilarityView(actor, app, assigned);
  if (!app.current_snapshot_id) throw new AppError('invalid_transition', '该申报尚未提交，暂无查重报告');
  const row = await findReport(db, app.id);
  const stored =
    row?.status === 'ready' && row.snapshot_id === app.current_snapshot_id ? parseStoredReport(row.report) : null;
  const failed = row?.status === 'failed' && row.snapshot_id === app.current_snapshot_id;
  const report: SimilarityReport = stored
    ? await present(db, actor, stored, row!.computed_at)
    : failed
      ? failedReport(row.error ?? CHECK_FAILED_MESSAGE)
      : pendingReport();
  return { app, report, stored };
}

async function present(db: Executor, actor: Actor, stored: StoredReport, computedAt: string | null) {
  const ids = stored.sources.flatMap((s) => (s.applicationId ? [s.applicationId] : []));
  const assigned = reachesByAssignment(actor) ? await assignedAmong(db, actor.userId, ids) : new Set<string>();
  return presentSimilarityReport(
    stored,
    computedAt,
    (s) =>
      !!s.applicationId &&
      canOpenSource(
        actor,
        { id: s.applicationId, unit_id: s.unitId ?? '', city_id: s.cityId ?? '', province_id: s.provinceId ?? '' },
        assigned.has(s.applicationId),
      ),
  );
}
