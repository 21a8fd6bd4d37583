import type { ApplicationStatus } from '../workflow.js';

/**
 * Where an application stands on the way 提交 → 市局审核 → 省受理 → 省评审 → 科技部备案 → 公布 (issue
 * 14 item 9): the step it is at and whether it waits there, was stopped there, or finished the way.
 * A decision of the Ministry reaches the applicant only once published, so `filed` is the last step done.
 */
export const PROGRESS_STEPS = ['submit', 'city', 'acceptance', 'province', 'ministry', 'publication'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];
export type ProgressState = 'process' | 'wait' | 'error' | 'finish';

export const PROGRESS_AT: Record<ApplicationStatus, { step: number; state: ProgressState }> = {
  draft: { step: 0, state: 'process' },
  withdrawn: { step: 0, state: 'wait' },
  submitted: { step: 1, state: 'process' },
  returned: { step: 1, state: 'error' },
  declined: { step: 1, state: 'error' },
  recommended: { step: 2, state: 'wait' },
  dispatched_to_province: { step: 2, state: 'process' },
  correction_requested: { step: 2, state: 'error' },
  accepted: { step: 3, state: 'process' },
  province_declined: { step: 3, state: 'error' },
  province_recommended: { step: 4, state: 'wait' },
  dispatched_to_ministry: { step: 4, state: 'process' },
  not_filed: { step: 4, state: 'error' },
  filed: { step: 5, state: 'finish' },
  cancelled: { step: 0, state: 'error' },
};

/** Statuses in which the applicant still has to act before its deadline (the countdown applies). */
export const APPLICANT_TO_ACT: readonly ApplicationStatus[] = ['draft', 'returned'];

/** Statuses that are a decision on the application, shown with their reason at the top of its page. */
export const DECISION_STATUSES: readonly ApplicationStatus[] = [
  'returned',
  'declined',
  'recommended',
  'correction_requested',
  'accepted',
  'province_declined',
  'province_recommended',
  'filed',
  'not_filed',
  'cancelled',
];
