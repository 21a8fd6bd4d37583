import type { ApplicationAction } from './workflow.js';

/**
 * The 审核意见表 (issue 14): one per application and level. Each level lists the decisions taken
 * at it, with their opinions; the city and the acceptance centre print their checklists too.
 */
export const OPINION_LEVELS = ['city', 'acceptance', 'province'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];

export const opinionLevelTitles: Record<OpinionLevel, string> = {
  city: '设区市科技局审核意见',
  acceptance: '省受理中心形式审查意见',
  province: '省科技厅推荐意见',
};

/** The actions whose opinions each level's form prints (报送 by the approver included). */
export const opinionLevelActions: Record<OpinionLevel, readonly ApplicationAction[]> = {
  city: ['return', 'decline', 'recommend', 'unrecommend', 'dispatch_to_province'],
  acceptance: ['accept', 'request_correction'],
  province: ['province_recommend', 'province_decline', 'dispatch_to_ministry', 'cancel_for_dishonesty'],
};

/**
 * Decisions that take an opinion: optional where the notice does not require one, required for the
 * negative ones (returns, declines, 不予推荐 — `commentRequired` in the workflow table).
 */
export const OPINION_ACTIONS: readonly ApplicationAction[] = ['recommend', 'accept', 'province_recommend', 'file'];
