import type { Role } from './roles.js';

/** Every status an application passes through (DOMAIN §2). */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'returned',
  'declined',
  'recommended',
  'dispatched_to_province',
  'accepted',
  'correction_requested',
  'province_recommended',
  'province_declined',
  'dispatched_to_ministry',
  'filed',
  'not_filed',
  'cancelled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const statusLabels: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交待审核',
  withdrawn: '已撤回',
  returned: '退回修改',
  declined: '不予推荐',
  recommended: '市局已推荐',
  dispatched_to_province: '已报送省厅',
  accepted: '省受理通过',
  correction_requested: '需补正',
  province_recommended: '省厅已推荐',
  province_declined: '省厅不予推荐',
  dispatched_to_ministry: '已报送科技部',
  filed: '已备案',
  not_filed: '未予备案',
  cancelled: '已取消资格',
};

export const APPLICATION_ACTIONS = [
  'submit',
  'withdraw',
  'reopen',
  'return',
  'decline',
  'recommend',
  'unrecommend',
  'dispatch_to_province',
  'accept',
  'request_correction',
  'province_recommend',
  'province_decline',
  'dispatch_to_ministry',
  'file',
  'reject',
  'cancel_for_dishonesty',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const actionLabels: Record<ApplicationAction, string> = {
  submit: '提交',
  withdraw: '撤回',
  reopen: '重新编辑',
  return: '退回修改',
  decline: '不予推荐',
  recommend: '推荐',
  unrecommend: '撤销推荐',
  dispatch_to_province: '报送省厅',
  accept: '受理通过',
  request_correction: '要求补正',
  province_recommend: '省厅推荐',
  province_decline: '省厅不予推荐',
  dispatch_to_ministry: '报送科技部',
  file: '予以备案',
  reject: '不予备案',
  cancel_for_dishonesty: '取消资格（失信）',
};

/**
 * Conditions the server checks beyond role and state. The table names them; the server
 * evaluates them with data (deadlines, dispatches, paper copies).
 */
export type Guard =
  | 'before_applicant_deadline' // now ≤ the city's applicant deadline (extended if so)
  | 'content_complete' // the submission validates in full and the pledge is signed
  | 'not_in_sent_dispatch' // the application is in no dispatch that has been sent
  | 'paper_copies_registered' // both paper copies (一式两份) are registered
  | 'checklist_reconfirmed'; // after a resubmission, the items ticked 上一轮 are ticked again (issue 14)

export interface Transition {
  from: readonly ApplicationStatus[];
  action: ApplicationAction;
  to: ApplicationStatus;
  /** Roles that may take the action; empty for system transitions (made by sending a dispatch). */
  roles: readonly Role[];
  commentRequired?: boolean;
  guards?: readonly Guard[];
  /** Made only as part of another command (sending a dispatch), never through the actions endpoint. */
  system?: boolean;
}

const FROM_SUBMITTED_ON: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter(
  (s) => !['draft', 'withdrawn', 'cancelled'].includes(s),
);

/** The workflow, as data: the only way any application status changes. */
export const TRANSITIONS: readonly Transition[] = [
  {
    from: ['draft', 'returned'],
    action: 'submit',
    to: 'submitted',
    roles: ['applicant'],
    guards: ['before_applicant_deadline', 'content_complete'],
  },
  { from: ['submitted'], action: 'withdraw', to: 'withdrawn', roles: ['applicant'] },
  { from: ['withdrawn'], action: 'reopen', to: 'draft', roles: ['applicant'], guards: ['before_applicant_deadline'] },
  {
    from: ['submitted', 'correction_requested'],
    action: 'return',
    to: 'returned',
    roles: ['city_reviewer'],
    commentRequired: true,
  },
  { from: ['submitted'], action: 'decline', to: 'declined', roles: ['city_reviewer'], commentRequired: true },
  {
    from: ['submitted', 'correction_requested'],
    action: 'recommend',
    to: 'recommended',
    roles: ['city_reviewer'],
    guards: ['checklist_reconfirmed'],
  },
  {
    from: ['recommended'],
    action: 'unrecommend',
    to: 'submitted',
    roles: ['city_reviewer'],
    guards: ['not_in_sent_dispatch'],
  },
  { from: ['recommended'], action: 'dispatch_to_province', to: 'dispatched_to_province', roles: [], system: true },
  {
    from: ['dispatched_to_province'],
    action: 'accept',
    to: 'accepted',
    roles: ['acceptance_clerk'],
    guards: ['paper_copies_registered', 'checklist_reconfirmed'],
  },
  {
    from: ['dispatched_to_province'],
    action: 'request_correction',
    to: 'correction_requested',
    roles: ['acceptance_clerk'],
    commentRequired: true,
  },
  { from: ['accepted'], action: 'province_recommend', to: 'province_recommended', roles: ['province_officer'] },
  {
    from: ['accepted'],
    action: 'province_decline',
    to: 'province_declined',
    roles: ['province_officer'],
    commentRequired: true,
  },
  {
    from: ['province_recommended'],
    action: 'dispatch_to_ministry',
    to: 'dispatched_to_ministry',
    roles: [],
    system: true,
  },
  { from: ['dispatched_to_ministry'], action: 'file', to: 'filed', roles: ['ministry_officer'] },
  {
    from: ['dispatched_to_ministry'],
    action: 'reject',
    to: 'not_filed',
    roles: ['ministry_officer'],
    commentRequired: true,
  },
  {
    from: FROM_SUBMITTED_ON,
    action: 'cancel_for_dishonesty',
    to: 'cancelled',
    roles: ['province_officer', 'ministry_officer'],
    commentRequired: true,
  },
];

/** The transition for a state and an action, or undefined when the action is not possible there. */
export function findTransition(from: ApplicationStatus, action: ApplicationAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** Actions a holder of these roles could take from a state, before jurisdiction and guards. */
export function actionsFor(from: ApplicationStatus, roles: readonly Role[]): ApplicationAction[] {
  return TRANSITIONS.filter((t) => !t.system && t.from.includes(from) && t.roles.some((r) => roles.includes(r))).map(
    (t) => t.action,
  );
}

/** Statuses in which the applicant may edit the content. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];

/** End states: nothing more happens to the application (except cancellation for filed/not_filed etc.). */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = [
  'withdrawn',
  'declined',
  'province_declined',
  'not_filed',
  'cancelled',
  'filed',
];

// ---- Dispatches (报送) ----
/**
 * A dispatch is a draft waiting for the approver's signature; the approver signs and sends it, or
 * returns it to its builder with a reason (returned: the builder edits it, which puts it back to
 * signature as a draft).
 */
export const DISPATCH_STATUSES = ['draft', 'returned', 'sent', 'received'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const dispatchStatusLabels: Record<DispatchStatus, string> = {
  draft: '草稿',
  returned: '已退回经办人',
  sent: '已报送',
  received: '已接收',
};
export const DISPATCH_ACTIONS = ['send', 'receive', 'return'] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];
export type DispatchLevel = 'city' | 'province';

export interface DispatchTransition {
  level: DispatchLevel;
  from: DispatchStatus;
  action: DispatchAction;
  to: DispatchStatus;
  roles: readonly Role[];
}

/**
 * City dispatches go from a city bureau to the acceptance centre; province dispatches to the Ministry.
 * Both with four eyes: the builder (city reviewer, province officer) assembles, a second person (city
 * approver, province approver 分管领导) signs the pledge and sends, or sends it back with a reason.
 */
export const DISPATCH_TRANSITIONS: readonly DispatchTransition[] = [
  { level: 'city', from: 'draft', action: 'send', to: 'sent', roles: ['city_approver'] },
  { level: 'city', from: 'draft', action: 'return', to: 'returned', roles: ['city_approver'] },
  { level: 'city', from: 'sent', action: 'receive', to: 'received', roles: ['acceptance_clerk'] },
  { level: 'province', from: 'draft', action: 'send', to: 'sent', roles: ['province_approver'] },
  { level: 'province', from: 'draft', action: 'return', to: 'returned', roles: ['province_approver'] },
  { level: 'province', from: 'sent', action: 'receive', to: 'received', roles: ['ministry_officer'] },
];

/** Statuses in which the builder may still edit a dispatch (editing a returned one puts it back to signature). */
export const DISPATCH_EDITABLE_STATUSES: readonly DispatchStatus[] = ['draft', 'returned'];

export function findDispatchTransition(level: DispatchLevel, from: DispatchStatus, action: DispatchAction) {
  return DISPATCH_TRANSITIONS.find((t) => t.level === level && t.from === from && t.action === action);
}

/** The application status a dispatch's send moves its applications from and to. */
export const dispatchSendEffect: Record<DispatchLevel, { action: ApplicationAction; from: ApplicationStatus }> = {
  city: { action: 'dispatch_to_province', from: 'recommended' },
  province: { action: 'dispatch_to_ministry', from: 'province_recommended' },
};
