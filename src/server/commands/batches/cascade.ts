import { AppError } from '../../../domain/errors.js';
import { deadlineKindLabels, formatBeijing, type DeadlineKind } from '../../../domain/schemas/batches.js';
import type { Executor } from '../../db/database.js';
import { cascadeProblem, type CascadeBounds } from '../../policies/batches.js';
import { effectiveDeadline, latestDueAt } from '../../repositories/deadlines.js';
import { findOrg } from '../../repositories/orgs.js';

const invalid = (path: string, message: string) => new AppError('validation_failed', message, [{ path, message }]);

/**
 * Checks that the scope fits the kind: none for the national step, a provincial-level unit for the
 * city → province step, a city bureau for the applicant step. Returns the scope's province (if any).
 */
export async function resolveScope(
  db: Executor,
  kind: DeadlineKind,
  scopeOrgId: string | null,
  path = 'scopeOrgId',
): Promise<{ provinceId: string | null }> {
  if (kind === 'province') {
    if (scopeOrgId !== null) throw invalid(path, '省科技厅报送科技部的截止时间全国统一，scopeOrgId 应为空');
    return { provinceId: null };
  }
  const org = scopeOrgId ? await findOrg(db, scopeOrgId) : undefined;
  if (kind === 'city' && org?.kind !== 'province') throw invalid(path, '市科技局报送截止时间须指定省级科技主管部门');
  if (kind === 'applicant' && org?.kind !== 'city') throw invalid(path, '申报单位截止时间须指定设区市科技局');
  return { provinceId: org!.province_id };
}

/** The deadlines around a step: the nearest set one above it, and the latest set one below it. */
export async function cascadeBounds(
  db: Executor,
  batchId: string,
  kind: DeadlineKind,
  provinceId: string | null,
): Promise<CascadeBounds> {
  const national = async () => {
    const at = await effectiveDeadline(db, batchId, 'province', {});
    return at ? { kind: 'province' as const, at } : null;
  };
  if (kind === 'applicant') {
    const city = await effectiveDeadline(db, batchId, 'city', { provinceId });
    return { upper: city ? { kind: 'city', at: city } : await national(), lowerLatest: null };
  }
  if (kind === 'city') {
    return { upper: await national(), lowerLatest: await latestDueAt(db, batchId, ['applicant'], provinceId!) };
  }
  return { upper: null, lowerLatest: await latestDueAt(db, batchId, ['city', 'applicant']) };
}

/** Throws 422 on the dueAt field when the date is past or breaks the cascade. */
export async function assertFitsCascade(
  db: Executor,
  opts: { batchId: string; kind: DeadlineKind; provinceId: string | null; dueAt: Date; now: Date; path?: string },
): Promise<void> {
  const path = opts.path ?? 'dueAt';
  if (opts.dueAt.getTime() <= opts.now.getTime())
    throw invalid(path, `${deadlineKindLabels[opts.kind]}应晚于当前时间（${formatBeijing(opts.now)}）`);
  const problem = cascadeProblem(
    opts.kind,
    opts.dueAt,
    await cascadeBounds(db, opts.batchId, opts.kind, opts.provinceId),
  );
  if (problem) throw invalid(path, problem);
}
