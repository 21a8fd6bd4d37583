import { AppError } from '../../domain/errors.js';
import { CONFLICT_ROLES } from '../../domain/schemas/integrity.js';
import type { Actor } from '../context.js';
import { hasRole, jurisdictionOf } from './common.js';

/**
 * The province whose review configuration the actor works with: its own; users above province level
 * (the Ministry, nation-level administrators) name one. Another province's answers 404.
 */
export function reviewProvinceOf(actor: Actor, requested: string | undefined): string {
  if (actor.provinceId) {
    if (requested && requested !== actor.provinceId) throw new AppError('not_found');
    return actor.provinceId;
  }
  if (!requested)
    throw new AppError('validation_failed', '请选择省份', [{ path: 'provinceId', message: '请选择省份' }]);
  return requested;
}

/** Reviewers, officers, experts and the system administrator read the configuration; applicants do not. */
export function assertCanReadReviewConfig(actor: Actor): void {
  if (!hasRole(actor, ...CONFLICT_ROLES, 'system_admin'))
    throw new AppError('forbidden', '只有审核、评审人员和系统管理员可以查看评审配置');
}

/** The province officer of the province, or a system administrator whose jurisdiction covers it. */
export function canEditReviewConfig(actor: Actor, provinceId: string): boolean {
  if (hasRole(actor, 'province_officer') && actor.provinceId === provinceId) return true;
  if (hasRole(actor, 'system_admin')) {
    const j = jurisdictionOf(actor);
    return j.level === 'nation' || (j.level === 'province' && j.provinceId === provinceId);
  }
  return false;
}

/** City reviewers acknowledge the integrity rules before their first review action in a batch. */
export const mustAcknowledgeIntegrity = (actor: Actor): boolean => hasRole(actor, 'city_reviewer');

/** Whoever reviews or assesses may acknowledge (only city reviewers must). */
export function assertMayAcknowledge(actor: Actor): void {
  if (!hasRole(actor, ...CONFLICT_ROLES)) throw new AppError('forbidden', '只有审核、评审人员需要确认廉政规定');
}

/** The workflow actions of the city review that wait for the acknowledgement. */
export const REVIEW_ACTIONS_NEEDING_ACKNOWLEDGEMENT = ['return', 'decline', 'recommend'] as const;
