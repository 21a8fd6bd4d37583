import { z } from 'zod';
import { APPLICATION_STATUSES } from '../workflow.js';
import { pageQuery, pageResponse } from './pagination.js';
import { criterionSchema } from './review.js';

/**
 * Province assessment (DOMAIN §2.6): experts assigned to accepted applications score them on the
 * batch's criteria (材料评审); the province officer records field visits (实地调研) and ranks the
 * applications by average score.
 */

export const ASSIGNMENT_STATUSES = ['assigned', 'submitted', 'withdrawn'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const assignmentStatusLabels: Record<AssignmentStatus, string> = {
  assigned: '待评分',
  submitted: '已评分',
  withdrawn: '已回避',
};

export const ASSIGNMENT_ACTIONS = ['declare', 'save_draft', 'score', 'decline', 'remove', 'set_due'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** Application statuses in which experts are assigned and score (after acceptance, before the province decides). */
export const SCORING_STATUSES = ['accepted'] as const;
/** Application statuses in which field visits are recorded. */
export const FIELD_VISIT_STATUSES = ['accepted', 'province_recommended', 'province_declined'] as const;
/** Application statuses the ranking covers by default. */
export const RANKING_STATUSES = ['accepted', 'province_recommended', 'province_declined'] as const;

const id = z.string().min(1).max(64);

// ---- requests ----

export const expertCandidatesQuery = z.object({ applicationId: id });

/** A review deadline (Beijing date), set by the province per assignment. */
const dueOn = z.iso.date({ error: '评审截止日期格式不正确（应为 YYYY-MM-DD）' });

export const createAssignmentRequest = z.object({
  applicationId: z.string({ error: '请选择申报' }).min(1, '请选择申报').max(64),
  expertId: z.string({ error: '请选择专家' }).min(1, '请选择专家').max(64),
  dueOn: dueOn.optional(),
});
export type CreateAssignmentRequest = z.infer<typeof createAssignmentRequest>;

export const ASSIGNMENT_SORTS = ['assignedAt', 'dueOn', 'spaceName', 'totalScore'] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

export const listAssignmentsQuery = z
  .object({
    applicationId: id.optional(),
    batchId: id.optional(),
    status: z.enum(ASSIGNMENT_STATUSES, { error: '状态不正确' }).optional(),
    /** Part of the space's or unit's name, or the application number. */
    q: z.string().trim().max(100).optional(),
  })
  .extend(pageQuery(ASSIGNMENT_SORTS, { sort: 'assignedAt', order: 'desc' }).shape);

/** Each score lies between 0 and the criterion's weight (one decimal place at most). */
export const scoreRequest = z.object({
  scores: z
    .array(
      z.object({
        key: z.string().max(40),
        score: z
          .number({ error: '请填写分数' })
          .min(0, '分数不能为负')
          .refine((v) => Math.round(v * 10) === v * 10, '分数最多保留 1 位小数'),
      }),
    )
    .min(1, '请为每个评分指标打分')
    .max(20),
  comment: z
    .string({ error: '请填写评审意见' })
    .trim()
    .min(2, '请填写评审意见（至少 2 个字）')
    .max(5000, '评审意见不能超过 5000 个字'),
});
export type ScoreRequest = z.infer<typeof scoreRequest>;

/** Saved as a draft: any of the criteria (each still 0..weight), the comment as far as written. */
export const scoreDraftRequest = z.object({
  scores: scoreRequest.shape.scores.element.array().max(20),
  comment: z.string().max(5000, '评审意见不能超过 5000 个字').default(''),
});
export type ScoreDraftRequest = z.output<typeof scoreDraftRequest>;

/** The expert's declaration, per assignment, before scoring (回避承诺). */
export const NO_CONFLICT_DECLARATION =
  '本人声明：与该申报单位及其运营主体不存在任职、兼职、投资、合作、亲属等利害关系，未接受其任何馈赠或请托；将独立、客观、公正地开展评审，并对评审材料和评审意见保密。如存在利害关系，本人将主动申报回避。';
export const declareRequest = z.object({
  agreed: z.literal(true, { error: '请阅读并勾选无利害关系声明' }),
});

export const setDueRequest = z.object({ dueOn: dueOn.nullable() });
export type SetDueRequest = z.infer<typeof setDueRequest>;

/**
 * Assignment in bulk: for each application, up to `perApplication` eligible experts, those whose
 * professional fields match the space's 主要专业方向 first, then the least loaded.
 */
export const bulkAssignmentRequest = z.object({
  applicationIds: z.array(id).min(1, '请选择申报').max(200, '一次最多分配 200 项申报'),
  perApplication: z.number().int().min(1, '每项申报至少分配 1 位专家').max(9, '每项申报最多分配 9 位专家'),
  /** Only experts whose fields match (else any eligible expert fills the rest). */
  matchingOnly: z.boolean().default(false),
  dueOn: dueOn.optional(),
});
export type BulkAssignmentRequest = z.output<typeof bulkAssignmentRequest>;
export const bulkAssignmentResponse = z.object({
  created: z.array(
    z.object({ applicationId: z.string(), expertId: z.string(), expertName: z.string(), fieldMatch: z.boolean() }),
  ),
  /** Applications that got fewer experts than asked, and why (Chinese). */
  shortfalls: z.array(z.object({ applicationId: z.string(), assigned: z.number(), reason: z.string() })),
});

/** The professional fields an expert reviews, set by the expert (matched against 主要专业方向). */
export const expertFieldsRequest = z.object({
  fields: z
    .array(z.string().trim().min(1, '专业领域不能为空').max(20, '每个专业领域不超过 20 个字'))
    .max(10, '最多填写 10 个专业领域'),
});
export type ExpertFieldsRequest = z.infer<typeof expertFieldsRequest>;
export const expertFieldsResponse = z.object({ fields: z.array(z.string()) });

export const declineAssignmentRequest = z.object({
  reason: z
    .string({ error: '请填写回避原因' })
    .trim()
    .min(2, '请填写回避原因（至少 2 个字）')
    .max(500, '回避原因不能超过 500 个字'),
});
export type DeclineAssignmentRequest = z.infer<typeof declineAssignmentRequest>;

const dateString = z.iso.date({ error: '日期格式不正确（应为 YYYY-MM-DD）' });

export const createFieldVisitRequest = z.object({
  visitedOn: dateString,
  visitors: z.string({ error: '请填写调研人员' }).trim().min(2, '请填写调研人员').max(500, '调研人员不能超过 500 个字'),
  findings: z
    .string({ error: '请填写调研情况' })
    .trim()
    .min(2, '请填写调研情况')
    .max(10000, '调研情况不能超过 10000 个字'),
});
export type CreateFieldVisitRequest = z.infer<typeof createFieldVisitRequest>;

export const updateFieldVisitRequest = createFieldVisitRequest
  .partial()
  .extend({ version: z.number({ error: '缺少版本号' }).int().min(1) });
export type UpdateFieldVisitRequest = z.infer<typeof updateFieldVisitRequest>;

export const photoParams = z.object({ id, photoId: id });
export const rankingQuery = z.object({
  /** For Ministry users; others rank their own province. */
  provinceId: id.optional(),
});

/** Sort keys of the ranking: its rank (by score, the default) or a column; the rank itself never changes. */
export const RANKING_SORTS = ['rank', 'number', 'cityName', 'fieldVisitCount'] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];

/** GET /api/batches/{id}/ranking: a page of the whole ranking, narrowed by city, status or a name. */
export const rankingListQuery = rankingQuery
  .extend({
    cityId: id.optional(),
    status: z.enum(RANKING_STATUSES, { error: '状态不正确' }).optional(),
    /** Part of the space's or the unit's name, or the application number. */
    q: z.string().trim().max(100).optional(),
  })
  .extend(pageQuery(RANKING_SORTS, { sort: 'rank', order: 'asc' }).shape);
export type RankingListQuery = z.infer<typeof rankingListQuery>;

export const FIELD_VISIT_SORTS = ['visitedOn', 'createdAt'] as const;
export type FieldVisitSort = (typeof FIELD_VISIT_SORTS)[number];
/** An application's field visits, the latest visit first, ten to a page. */
export const listFieldVisitsQuery = pageQuery(FIELD_VISIT_SORTS, { sort: 'visitedOn', order: 'desc', pageSize: 10 });

/** Field-visit photos: pictures only. */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png';
export const PHOTO_TYPES_LABEL = 'JPG、PNG';
export const MAX_PHOTOS_PER_VISIT = 30;

// ---- responses ----

export const expertCandidateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  orgName: z.string(),
  cityName: z.string().nullable(),
  /** The expert's professional fields, and whether one matches the space's 主要专业方向. */
  fields: z.array(z.string()),
  fieldMatch: z.boolean(),
  /** Already assigned to this application (in any status). */
  assigned: z.boolean(),
  eligible: z.boolean(),
  /** Why the expert cannot be assigned (Chinese), empty when eligible. */
  reasons: z.array(z.string()),
});
export const expertCandidatesResponse = z.object({ items: z.array(expertCandidateSchema) });

export const assignmentApplicationSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  spaceName: z.string().nullable(),
  unitName: z.string(),
  cityName: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  statusLabel: z.string(),
});

export const assignmentSchema = z.object({
  id: z.string(),
  application: assignmentApplicationSchema,
  expert: z.object({ id: z.string(), displayName: z.string(), orgName: z.string() }),
  status: z.enum(ASSIGNMENT_STATUSES),
  statusLabel: z.string(),
  assignedAt: z.string(),
  assignedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** The criteria scored on: as frozen at submission, else the batch's criteria in force. */
  criteria: z.array(criterionSchema),
  /** Null until submitted. */
  scores: z.array(z.object({ key: z.string(), score: z.number() })).nullable(),
  totalScore: z.number().nullable(),
  comment: z.string().nullable(),
  /** The review deadline (Beijing date) and whether it passed with the scores not submitted. */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** When the expert declared no conflict of interest (required before scoring). */
  declaredAt: z.string().nullable(),
  /** The expert's own saved draft (shown to the expert only), null when none. */
  draft: z
    .object({
      scores: z.array(z.object({ key: z.string(), score: z.number() })),
      comment: z.string(),
      savedAt: z.string(),
    })
    .nullable(),
  allowedActions: z.array(z.enum(ASSIGNMENT_ACTIONS)),
});
export type Assignment = z.infer<typeof assignmentSchema>;
export const assignmentResponse = z.object({ assignment: assignmentSchema });
export const assignmentListResponse = pageResponse(assignmentSchema);

export const photoSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});
export const fieldVisitSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  visitedOn: z.string(),
  visitors: z.string(),
  findings: z.string(),
  photos: z.array(photoSchema),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  /** Whether the current user may edit it and add photos. */
  editable: z.boolean(),
});
export type FieldVisit = z.infer<typeof fieldVisitSchema>;
export const fieldVisitResponse = z.object({ visit: fieldVisitSchema });
export const fieldVisitListResponse = pageResponse(fieldVisitSchema).extend({
  /** What the viewer may do with the list: `create` while it may record a visit (the server decides). */
  allowedActions: z.array(z.enum(['create'])),
});
export const photoResponse = z.object({ photo: photoSchema });

export const rankingItemSchema = z.object({
  /** 1, 2, 3 … among the scored applications (ties share a rank); null when nobody has scored yet. */
  rank: z.number().nullable(),
  application: assignmentApplicationSchema,
  /** The mean of the submitted experts' totals (each out of 100), to 2 decimals; null when none. */
  averageScore: z.number().nullable(),
  scoredCount: z.number(),
  /** Assignments not withdrawn (scored or still to score). */
  assignedCount: z.number(),
  criteriaAverages: z.array(z.object({ key: z.string(), average: z.number().nullable() })),
  fieldVisitCount: z.number(),
});
export const rankingResponse = pageResponse(rankingItemSchema).extend({
  batchId: z.string(),
  provinceId: z.string(),
  criteria: z.array(criterionSchema),
});
export type Ranking = z.infer<typeof rankingResponse>;
