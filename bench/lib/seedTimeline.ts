import {
  findTransition,
  type ApplicationAction,
  type ApplicationStatus,
  type Transition,
} from '../../src/domain/workflow.js';
import type { BenchCity } from './regions.js';
import type { Rng } from './names.js';
import { actorFor, type Staff } from './seedOrgs.js';

/**
 * The statuses of the seeded applications and the timelines that lead there: the mix of statuses in
 * each batch and, for one application, the workflow steps from its creation, with their actors and times.
 */

type Status = ApplicationStatus;

/** The actions that lead from a draft to each status (the workflow table's only road there). */
const TO_MINISTRY: ApplicationAction[] = [
  'submit',
  'recommend',
  'dispatch_to_province',
  'accept',
  'province_recommend',
  'dispatch_to_ministry',
];
export const PATHS: Record<Status, ApplicationAction[]> = {
  draft: [],
  submitted: ['submit'],
  withdrawn: ['submit', 'withdraw'],
  returned: ['submit', 'return'],
  declined: ['submit', 'decline'],
  recommended: ['submit', 'recommend'],
  dispatched_to_province: ['submit', 'recommend', 'dispatch_to_province'],
  correction_requested: ['submit', 'recommend', 'dispatch_to_province', 'request_correction'],
  accepted: ['submit', 'recommend', 'dispatch_to_province', 'accept'],
  province_recommended: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'province_recommend'],
  province_declined: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'province_decline'],
  dispatched_to_ministry: TO_MINISTRY,
  filed: [...TO_MINISTRY, 'file'],
  not_filed: [...TO_MINISTRY, 'reject'],
  cancelled: ['submit', 'recommend', 'dispatch_to_province', 'accept', 'cancel_for_dishonesty'],
};

/** This year's batch on the applicant deadline day: most are still drafts or just submitted. */
const CURRENT_MIX: [Status, number][] = [
  ['draft', 35],
  ['submitted', 30],
  ['returned', 5],
  ['withdrawn', 2],
  ['declined', 2],
  ['recommended', 14],
  ['dispatched_to_province', 8],
  ['accepted', 3],
  ['correction_requested', 1],
];
/** Last year's batch, closed: where applications end. */
const PREVIOUS_MIX: [Status, number][] = [
  ['draft', 5],
  ['withdrawn', 5],
  ['returned', 3],
  ['declined', 15],
  ['province_declined', 15],
  ['not_filed', 15],
  ['filed', 40],
  ['cancelled', 2],
];
const REVIEW_COMMENTS = [
  '请补充近三年服务成效的佐证材料。',
  '专业化特色不够突出，请进一步凝练。',
  '运营主体信息与营业执照不一致，请核对。',
  '场地面积数据与附件不符，请修改。',
];

const cumulative = (mix: [Status, number][]) => {
  let sum = 0;
  return mix.map(([, w]) => (sum += w));
};
const CUR_CUM = cumulative(CURRENT_MIX);
const PREV_CUM = cumulative(PREVIOUS_MIX);

/** The status of the next application of this year's batch (`current`) or last year's. */
export function pickStatus(r: Rng, current: boolean): Status {
  const mix = current ? CURRENT_MIX : PREVIOUS_MIX;
  return mix[r.weighted(current ? CUR_CUM : PREV_CUM)]![0];
}

export interface TimelineEvent {
  action: string;
  from: Status | null;
  to: Status;
  at: string;
  actor: string;
  actorOrg: string;
  role: string;
  comment: string | null;
}

/** The timeline: created some days ago, each step some hours after the one before. */
export function buildTimeline(
  r: Rng,
  opts: {
    status: Status;
    current: boolean;
    now: Date;
    unit: { userId: string; id: string };
    city: BenchCity;
    staff: Staff;
  },
): TimelineEvent[] {
  const { status, current, now, unit, city, staff } = opts;
  const start = current
    ? now.getTime() - r.int(2, 40) * 86_400_000
    : Date.parse('2025-05-01T00:00:00Z') + r.int(0, 60) * 86_400_000;
  let t = start;
  const events: TimelineEvent[] = [
    {
      action: 'create',
      from: null,
      to: 'draft',
      at: new Date(t).toISOString(),
      actor: unit.userId,
      actorOrg: unit.id,
      role: 'applicant',
      comment: null,
    },
  ];
  let state: Status = 'draft';
  for (const action of PATHS[status]) {
    const tr: Transition = findTransition(state, action)!;
    const stepMs = current ? r.int(1, 48) * 3_600_000 : r.int(1, 20) * 86_400_000;
    t = Math.min(t + stepMs, current ? now.getTime() - r.int(1, 3600) * 1000 : Date.parse('2025-12-20T00:00:00Z'));
    const actor = actorFor(action, unit, city, staff);
    events.push({
      action,
      from: state,
      to: tr.to,
      at: new Date(t).toISOString(),
      actor: actor.id,
      actorOrg: actor.orgId,
      role: actor.role,
      comment: tr.commentRequired ? r.pick(REVIEW_COMMENTS) : null,
    });
    state = tr.to;
  }
  return events;
}
