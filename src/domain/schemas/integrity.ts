import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';
import type { Role } from '../roles.js';
import { usccProblem } from '../uscc.js';

// ---- conflicts of interest (回避) ----

/** Roles that review or decide and therefore declare conflicts of interest. */
export const CONFLICT_ROLES = [
  'city_reviewer',
  'city_approver',
  'acceptance_clerk',
  'province_officer',
  'expert',
  'ministry_officer',
] as const satisfies readonly Role[];

export const declareConflictRequest = z
  .object({
    unitId: z.string().min(1).max(64).optional(),
    uscc: z
      .string()
      .trim()
      .toUpperCase()
      .superRefine((v, ctx) => {
        const problem = usccProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    reason: z
      .string({ error: '请填写回避原因' })
      .trim()
      .min(2, '请填写回避原因（至少 2 个字）')
      .max(500, '回避原因不能超过 500 个字'),
  })
  .refine((v) => !!v.unitId || !!v.uscc, { error: '请选择申报单位或填写统一社会信用代码', path: ['unitId'] });
export type DeclareConflictRequest = z.infer<typeof declareConflictRequest>;

export const conflictSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  uscc: z.string().nullable(),
  reason: z.string(),
  declaredAt: z.string(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const CONFLICT_SORTS = ['declaredAt', 'unitName'] as const;
export type ConflictSort = (typeof CONFLICT_SORTS)[number];

/** The user's own declarations: a search by unit name or USCC, paged and sorted (newest first). */
export const listConflictsQuery = z
  .object({ q: z.string().trim().max(100).optional() })
  .extend(pageQuery(CONFLICT_SORTS, { sort: 'declaredAt', order: 'desc' }).shape);
export const conflictListResponse = pageResponse(conflictSchema);
export const conflictResponse = z.object({ conflict: conflictSchema });

// ---- credit records (不良科技信用记录) ----

export const CREDIT_RECORD_FILTERS = ['active', 'all'] as const;

export const CREDIT_RECORD_SORTS = ['createdAt', 'unitName', 'validFrom', 'validTo'] as const;
export type CreditRecordSort = (typeof CREDIT_RECORD_SORTS)[number];

export const listCreditRecordsQuery = z
  .object({
    status: z.enum(CREDIT_RECORD_FILTERS).default('active'),
    q: z.string().trim().max(100).optional(),
  })
  .extend(pageQuery(CREDIT_RECORD_SORTS, { sort: 'createdAt', order: 'desc' }).shape);
export type ListCreditRecordsQuery = z.infer<typeof listCreditRecordsQuery>;

export const exportCreditRecordsQuery = z.object({
  format: z.enum(['csv', 'json', 'xlsx'], { error: '导出格式只能是 csv、json 或 xlsx' }).default('csv'),
  status: z.enum(CREDIT_RECORD_FILTERS).default('active'),
  q: z.string().trim().max(100).optional(),
});

/** 'YYYY-MM-DD' (the start of that day in Asia/Shanghai) or an ISO date-time with offset. */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: '终止日期格式不正确（应为 YYYY-MM-DD）',
});

export const endCreditRecordRequest = z.object({
  validTo: dateOrDateTime,
  reason: z
    .string({ error: '请填写终止原因' })
    .trim()
    .min(2, '请填写终止原因（至少 2 个字）')
    .max(500, '终止原因不能超过 500 个字'),
});
export type EndCreditRecordRequest = z.infer<typeof endCreditRecordRequest>;

export const creditRecordSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  unitName: z.string(),
  unitId: z.string().nullable(),
  applicationId: z.string().nullable(),
  applicationNumber: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  recordedByOrgId: z.string(),
  recordedByOrgName: z.string().nullable(),
  provinceId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  endReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CreditRecord = z.infer<typeof creditRecordSchema>;
export const creditRecordListResponse = pageResponse(creditRecordSchema);
export const creditRecordResponse = z.object({ record: creditRecordSchema });

/** The columns of the export for the public credit platform, in order, with their Chinese headers. */
export const CREDIT_EXPORT_HEADERS = [
  '统一社会信用代码',
  '单位名称',
  '失信原因',
  '来源',
  '记录单位',
  '起始日期',
  '终止日期',
] as const;
