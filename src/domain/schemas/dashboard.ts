import { z } from 'zod';
import { OPERATOR_NATURES } from '../application/labels.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../workflow.js';

/**
 * The landing-page dashboards. Every count carries the query parameters of GET /api/applications
 * that list exactly the applications counted (status as a list: status=a,b), so every number links.
 */

/** Statuses of applications submitted at least once and still in the process or decided (not withdrawn). */
export const SUBMITTED_ON: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter(
  (s) => s !== 'draft' && s !== 'withdrawn',
);

const AFTER_PROVINCE_ACCEPT: readonly ApplicationStatus[] = [
  'province_recommended',
  'dispatched_to_ministry',
  'filed',
  'not_filed',
];
const AFTER_ACCEPT: readonly ApplicationStatus[] = ['accepted', 'province_declined', ...AFTER_PROVINCE_ACCEPT];
const AFTER_DISPATCH: readonly ApplicationStatus[] = [
  'dispatched_to_province',
  'correction_requested',
  ...AFTER_ACCEPT,
];

/**
 * The province's funnel: an application counts at a stage when its current status shows it reached
 * that stage (a cancelled application counts as submitted only: the stage it was cancelled at is not
 * kept in its status).
 */
export const FUNNEL_STAGES = [
  { key: 'submitted', label: '已提交', statuses: SUBMITTED_ON },
  { key: 'recommended', label: '市局推荐', statuses: ['recommended', ...AFTER_DISPATCH] },
  { key: 'dispatched', label: '已报送省厅', statuses: AFTER_DISPATCH },
  { key: 'accepted', label: '受理通过', statuses: AFTER_ACCEPT },
  { key: 'province_recommended', label: '省厅推荐', statuses: AFTER_PROVINCE_ACCEPT },
  { key: 'filed', label: '已备案', statuses: ['filed'] },
] as const satisfies readonly { key: string; label: string; statuses: readonly ApplicationStatus[] }[];
export type FunnelStageKey = (typeof FUNNEL_STAGES)[number]['key'];

// ---- requests ----

export const dashboardQuery = z.object({
  batchId: z.string().max(64).optional(),
  /** For Ministry users: show a province's sections too. */
  provinceId: z.string().max(64).optional(),
});

// ---- responses ----

/** Query parameters for GET /api/applications (status is sent comma-separated). */
export const applicationFilterSchema = z.object({
  status: z.array(z.enum(APPLICATION_STATUSES)).optional(),
  cityId: z.string().optional(),
  provinceId: z.string().optional(),
  batchId: z.string().optional(),
  mainField: z.string().optional(),
  operatorNature: z.enum(OPERATOR_NATURES).optional(),
  /** Only published decisions (公布). */
  published: z.boolean().optional(),
});
export type ApplicationFilter = z.infer<typeof applicationFilterSchema>;

const count = z.object({ count: z.number(), filter: applicationFilterSchema });

export const dashboardResponse = z.object({
  batchId: z.string().nullable(),
  /** The applications within the user's reach, by status (statuses with none are left out). */
  byStatus: z.array(count.extend({ status: z.enum(APPLICATION_STATUSES), label: z.string() })),
  total: count,
  /** City reviewers: unit registrations waiting for a decision (GET /api/registrations). */
  pendingRegistrations: z.number().optional(),
  /** Acceptance clerks and Ministry officers: dispatches sent to them and not yet received. */
  dispatchesToReceive: z.number().optional(),
  /** Experts: their assignments by status (GET /api/expert-assignments?status=…). */
  assignments: z.object({ assigned: z.number(), submitted: z.number(), withdrawn: z.number() }).optional(),
  /** Province officers (and the Ministry, given provinceId): the province's picture. */
  province: z
    .object({
      provinceId: z.string(),
      provinceName: z.string(),
      funnel: z.object({
        stages: z.array(z.object({ key: z.string(), label: z.string() })),
        rows: z.array(
          z.object({
            cityId: z.string(),
            cityName: z.string(),
            stages: z.array(count.extend({ key: z.string() })),
          }),
        ),
        totals: z.array(count.extend({ key: z.string() })),
      }),
      /** 主要专业方向 of the submitted applications (one application counts once per field it names). */
      byMainField: z.array(count.extend({ field: z.string() })),
      /** 运营主体性质 of the submitted applications. */
      byOperatorNature: z.array(count.extend({ nature: z.enum(OPERATOR_NATURES), label: z.string() })),
      /** Submitted applications per city, in the official order of cities. */
      byCity: z.array(count.extend({ cityId: z.string(), cityName: z.string() })),
    })
    .optional(),
});
export type Dashboard = z.infer<typeof dashboardResponse>;
