import { z } from 'zod';
import { applicationFileKindSchema } from './applications.js';
import { pageQuery } from './pagination.js';

/**
 * Batches (批次) and their deadline cascade. All deadlines are instants; the cascade is read and
 * written in Beijing time (Asia/Shanghai, UTC+8, no daylight saving).
 */

export const BATCH_STATUSES = ['open', 'closed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const batchStatusLabels: Record<BatchStatus, string> = { open: '申报中', closed: '已关闭' };

/**
 * The three steps of the cascade:
 * - province: provincial-level unit → Ministry, one national deadline (scope null);
 * - city: city bureau → province, one per province (scope = the province org);
 * - applicant: applicant unit → city bureau, one per city (scope = the city org).
 */
export const DEADLINE_KINDS = ['applicant', 'city', 'province'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const deadlineKindLabels: Record<DeadlineKind, string> = {
  applicant: '申报单位报送市科技局截止时间',
  city: '市科技局报送省科技厅截止时间',
  province: '省科技厅报送科技部截止时间',
};

/**
 * What the viewer may do, as the server decides it (the web app offers exactly these): on the list,
 * create a batch; on a batch, edit it (details, required uploads, documents, open/close) and set a
 * deadline (for the scopes in `deadlineScopes`); on a deadline, extend it.
 */
export const BATCH_LIST_ACTIONS = ['create'] as const;
export const BATCH_ACTIONS = ['edit', 'set_deadline'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];
export const DEADLINE_ACTIONS = ['extend'] as const;
export type DeadlineAction = (typeof DEADLINE_ACTIONS)[number];

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDateTimeWithOffset = z.iso.datetime({ offset: true });

/** Whether 'YYYY-MM-DD' names a real calendar day. */
function isCalendarDate(s: string): boolean {
  const m = DATE_ONLY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Reads a deadline as given by a user: an ISO date-time with an offset ("2026-07-31T17:00:00+08:00"
 * or "…Z"), or a date alone ("2026-07-31"), which means the end of that day in Beijing time
 * (23:59:59+08:00). Returns null when the text is neither.
 */
export function parseDueAt(input: string): Date | null {
  const s = input.trim();
  if (DATE_ONLY.test(s)) return isCalendarDate(s) ? new Date(`${s}T23:59:59+08:00`) : null;
  if (!isoDateTimeWithOffset.safeParse(s).success) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant as Beijing wall-clock time, "2026-07-31 23:59" — the form every message uses. */
export function formatBeijing(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + BEIJING_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export const DUE_AT_FORMAT_MESSAGE =
  '截止时间格式不正确：请填写日期 YYYY-MM-DD（即当天北京时间 23:59:59），或带时区的 ISO 时间，如 2026-07-31T17:00:00+08:00';

/**
 * A deadline in a request. A date alone ("YYYY-MM-DD") means 23:59:59 of that day, Beijing time;
 * a date-time must carry its offset ("+08:00" or "Z"). Parsed into an ISO-8601 UTC string.
 */
export const dueAtSchema = z
  .string({ error: '请填写截止时间' })
  .trim()
  .refine((s) => parseDueAt(s) !== null, DUE_AT_FORMAT_MESSAGE)
  .transform((s) => parseDueAt(s)!.toISOString())
  .meta({
    description:
      '截止时间（北京时间）。仅日期 YYYY-MM-DD 表示当天北京时间 23:59:59；也可为带时区的 ISO 8601 时间（如 2026-07-31T17:00:00+08:00）。',
    examples: ['2026-07-31', '2026-07-31T17:00:00+08:00'],
  });

const recordedDate = z
  .string()
  .trim()
  .refine(isCalendarDate, '日期格式应为 YYYY-MM-DD')
  .meta({ description: '日期 YYYY-MM-DD（北京时间）' });

/** The dates of the original notice, kept on record (e.g. 2020-07-31 and 2020-08-31 for the 第四批). */
export const recordedDatesSchema = z.object({
  applicantToCity: recordedDate.optional(),
  cityToProvince: recordedDate.optional(),
  provinceToMinistry: recordedDate.optional(),
});
export type RecordedDates = z.infer<typeof recordedDatesSchema>;

/** Upload kinds a submission must include, one of each (the application's file kinds). */
const fileKind = applicationFileKindSchema;

const batchName = z
  .string({ error: '请填写批次名称' })
  .trim()
  .min(2, '批次名称至少 2 个字')
  .max(100, '批次名称不能超过 100 个字');
const batchYear = z
  .number({ error: '请填写年度' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000–2100 之间')
  .max(2100, '年度应在 2000–2100 之间');
const noticeText = z.string().max(200_000, '通知正文过长（不超过 20 万字）');
/** The notice the 推荐函 cite: its title (without 《》) and its 文号, e.g. 苏科高发〔2020〕174号. */
const noticeTitle = z.string().trim().max(200, '通知标题不能超过 200 个字');
const noticeNo = z.string().trim().max(50, '通知文号不能超过 50 个字');

/**
 * What a new batch requires by default: the stamped attachment-2 scan and the signed attachment-4
 * scan (the province may change it).
 */
export const DEFAULT_REQUIRED_FILE_KINDS = ['stamp_scan', 'pledge_scan'] as const;

export const createBatchRequest = z.object({
  name: batchName,
  year: batchYear,
  noticeText: noticeText.default(''),
  noticeTitle: noticeTitle.default(''),
  noticeNo: noticeNo.default(''),
  status: z.enum(BATCH_STATUSES, { error: '批次状态应为 open 或 closed' }).default('open'),
  requiredFileKinds: z
    .array(fileKind)
    .max(30)
    .default(() => [...DEFAULT_REQUIRED_FILE_KINDS]),
  recordedDates: recordedDatesSchema.default({}),
  /** The national province → Ministry deadline, set by the system administrator with the batch. */
  provinceDeadline: dueAtSchema.optional(),
  /** City → province deadlines, one per province (scope = province org id). */
  cityDeadlines: z
    .array(z.object({ scopeOrgId: z.string().min(1).max(64), dueAt: dueAtSchema }))
    .max(40)
    .default([]),
});
export type CreateBatchRequest = z.output<typeof createBatchRequest>;

export const updateBatchRequest = z.object({
  version: z.number().int().min(1),
  name: batchName.optional(),
  year: batchYear.optional(),
  noticeText: noticeText.optional(),
  noticeTitle: noticeTitle.optional(),
  noticeNo: noticeNo.optional(),
  status: z.enum(BATCH_STATUSES, { error: '批次状态应为 open 或 closed' }).optional(),
  requiredFileKinds: z.array(fileKind).max(30).optional(),
  recordedDates: recordedDatesSchema.optional(),
});
export type UpdateBatchRequest = z.output<typeof updateBatchRequest>;

/** PUT /api/batches/{id}/deadlines: sets one deadline of the cascade (once; later changes are extensions). */
export const setDeadlineRequest = z.object({
  kind: z.enum(DEADLINE_KINDS, { error: '截止时间类别应为 applicant、city 或 province' }),
  /** null for kind province; the province org for kind city; the city org for kind applicant. */
  scopeOrgId: z.string().min(1).max(64).nullable().default(null),
  dueAt: dueAtSchema,
});
export type SetDeadlineRequest = z.output<typeof setDeadlineRequest>;

/** POST /api/deadlines/{id}/extensions: a later date and the reason for it. */
export const extendDeadlineRequest = z.object({
  dueAt: dueAtSchema,
  reason: z.string({ error: '请填写延期理由' }).trim().min(1, '请填写延期理由').max(500, '延期理由不能超过 500 字'),
});
export type ExtendDeadlineRequest = z.output<typeof extendDeadlineRequest>;

export const deadlineExtensionSchema = z.object({
  id: z.string(),
  fromDueAt: z.string(),
  toDueAt: z.string(),
  reason: z.string(),
  at: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
});

export const deadlineSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  scopeOrgId: z.string().nullable(),
  scopeOrgName: z.string().nullable(),
  dueAt: z.string(),
  originalDueAt: z.string(),
  setByOrgId: z.string(),
  setByOrgName: z.string().nullable(),
  extensions: z.array(deadlineExtensionSchema),
  allowedActions: z.array(z.enum(DEADLINE_ACTIONS)),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const batchDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** Public download path. */
  url: z.string(),
});
export type BatchDocument = z.infer<typeof batchDocumentSchema>;

export const batchSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  noticeText: z.string(),
  noticeTitle: z.string(),
  noticeNo: z.string(),
  status: z.enum(BATCH_STATUSES),
  requiredFileKinds: z.array(z.string()),
  recordedDates: recordedDatesSchema,
  documents: z.array(batchDocumentSchema),
  deadlines: z.array(deadlineSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(BATCH_ACTIONS)),
  /** The steps and scopes whose deadline the viewer sets (a city its applicants', a province its cities'). */
  deadlineScopes: z.array(z.object({ kind: z.enum(DEADLINE_KINDS), scopeOrgId: z.string().nullable() })),
});
export type Batch = z.infer<typeof batchSchema>;

/** The batch list's sort keys (server whitelist); the default is the newest year first. */
export const BATCH_SORTS = ['year', 'name', 'status', 'createdAt'] as const;
export type BatchSort = (typeof BATCH_SORTS)[number];

/**
 * Paged like every list. Without a pageSize the answer holds up to 100 batches (a year has one or two),
 * so the batch pickers of other pages ask once and get them all; the 批次管理 page sends its own page size.
 */
export const listBatchesQuery = z
  .object({ status: z.enum(BATCH_STATUSES, { error: '批次状态不正确' }).optional() })
  .extend(pageQuery(BATCH_SORTS, { sort: 'year', order: 'desc', pageSize: 100 }).shape);
export const batchListResponse = z.object({
  items: z.array(batchSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  allowedActions: z.array(z.enum(BATCH_LIST_ACTIONS)),
});
export const batchResponse = z.object({ batch: batchSchema });
export const deadlineResponse = z.object({ deadline: deadlineSchema });
export const batchDocumentParams = z.object({ id: z.string().min(1).max(64), docId: z.string().min(1).max(64) });
export const batchDocumentResponse = z.object({ document: batchDocumentSchema });
