import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import { roleReaches, type ApplicationRef } from './applications.js';

/** The roles that read 查重 reports: every reviewer of a submitted application, never the applicant. */
export const SIMILARITY_VIEWER_ROLES: readonly Role[] = [
  'city_reviewer',
  'city_approver',
  'acceptance_clerk',
  'province_officer',
  'ministry_officer',
];

/**
 * Whether the actor may read the application's 查重 report, given it already sees the application
 * (else 404 before this): as a reviewer whose jurisdiction holds it, or as an expert assigned to it.
 * An applicant never does (403): the report shows other units' text.
 */
export function authorizeSimilarityView(actor: Actor, app: ApplicationRef, assignedExpert: boolean): void {
  if (SIMILARITY_VIEWER_ROLES.some((r) => actor.roles.includes(r) && roleReaches(r, actor, app))) return;
  if (assignedExpert && actor.roles.includes('expert')) return;
  throw new AppError('forbidden', '申报单位不能查看查重报告');
}

/**
 * Sorting or filtering a list by 复制比: the reviewers and the experts (their list holds only their
 * assignments). An applicant never does (403): the order alone would tell its figures.
 */
export function authorizeSimilarityQuery(actor: Actor, query: { sort?: string; minSimilarity?: number }): void {
  if (query.sort !== 'similarity' && query.minSimilarity === undefined) return;
  if (SIMILARITY_VIEWER_ROLES.some((r) => actor.roles.includes(r)) || actor.roles.includes('expert')) return;
  throw new AppError('forbidden', '申报单位不能按复制比排序或筛选');
}

/** Whether the viewer may open a source application (otherwise: its number, name and city only). */
export function canOpenSource(actor: Actor, source: Omit<ApplicationRef, 'status'>, assignedExpert: boolean): boolean {
  if (assignedExpert && actor.roles.includes('expert')) return true;
  const ref = { ...source, status: 'submitted' };
  return SIMILARITY_VIEWER_ROLES.some((r) => actor.roles.includes(r) && roleReaches(r, actor, ref));
}

/** The province sets a batch's thresholds and runs its cross-check, for its own province (403 otherwise). */
export function authorizeSimilarityAdmin(actor: Actor): { provinceId: string } {
  if (!actor.roles.includes('province_officer') || !actor.provinceId)
    throw new AppError('forbidden', '只有省级科技主管部门可以设置查重阈值或运行全批次查重');
  return { provinceId: actor.provinceId };
}

/**
 * The province dashboard's pairs: its province officer (its province's applications), or the
 * Ministry (every province's: provinceId null); 403 otherwise.
 */
export function authorizeSimilarityPairs(actor: Actor): { provinceId: string | null } {
  if (actor.roles.includes('ministry_officer')) return { provinceId: null };
  if (!(actor.roles.includes('province_officer') && actor.provinceId))
    throw new AppError('forbidden', '只有省级科技主管部门和科技部可以查看查重对比清单');
  return { provinceId: actor.provinceId };
}

/** A cross-check run is seen by the province that started it and by the Ministry. */
export const canSeeSimilarityRun = (actor: Actor, run: { province_id: string | null }): boolean =>
  actor.roles.includes('ministry_officer') ||
  (actor.roles.includes('province_officer') && run.province_id === actor.provinceId);
