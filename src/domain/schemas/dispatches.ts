import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';
import { isRealDate } from '../application/dates.js';
import { LANDLINE_RE, MOBILE_RE } from '../application/fields.js';
import { pledgeSchema } from '../pledges.js';
import { arrivalInput, arrivalSchema } from './arrival.js';
import { DISPATCH_BULK_ACTIONS } from './dispatchBulk.js';
import { APPLICATION_STATUSES, DISPATCH_ACTIONS, DISPATCH_STATUSES } from '../workflow.js';
import { PAPER_COPIES_EXPECTED, VERIFICATION_CODE_LENGTH } from '../verification-code.js';

/**
 * Dispatches (报送): a city bureau's package to the province, and the province's list to the
 * Ministry; and the paper copies (纸质材料，一式两份) the acceptance centre registers against them.
 */

export const DISPATCH_LEVELS = ['city', 'province'] as const;
export const dispatchLevelLabels: Record<(typeof DISPATCH_LEVELS)[number], string> = {
  city: '市科技局报送省厅',
  province: '省科技厅报送科技部',
};

const id = z.string().min(1).max(64);

const applicationIds = z
  .array(id, { error: '请选择要报送的申报' })
  .min(1, '报送批中至少要有一项申报')
  .max(1000, '一个报送批最多 1000 项申报')
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: '同一项申报在报送批中重复出现' });
      seen.add(v);
    });
  })
  .meta({ description: '申报 id，按推荐排序（第一项排名第一）' });

const letter = z
  .string({ error: '请填写推荐函' })
  .trim()
  .min(1, '请填写推荐函')
  .max(20000, '推荐函不能超过 20000 个字')
  .meta({ description: '推荐函正文（称谓、落款、日期和公章由文件统一打印，正文中不必再写）' });

/** The letter's own 文号 (e.g. 宁科函〔2020〕56号), contact person and telephone, printed on the 推荐函. */
const letterNo = z
  .string()
  .trim()
  .max(50, '推荐函文号不能超过 50 个字')
  .meta({ description: '推荐函文号，如 宁科函〔2020〕56号' });
const contactName = z.string().trim().max(30, '联系人不能超过 30 个字').meta({ description: '联系人' });
const contactPhone = z
  .string()
  .trim()
  .max(30, '联系电话不能超过 30 个字')
  .refine(
    (v) => v === '' || LANDLINE_RE.test(v) || MOBILE_RE.test(v),
    '联系电话应为带区号的固定电话（如 025-83379768）或 11 位手机号码',
  )
  .meta({ description: '联系电话' });
const letterDetails = {
  letterNo: letterNo.optional(),
  contactName: contactName.optional(),
  contactPhone: contactPhone.optional(),
};

export const createDispatchRequest = z.object({
  applicationIds,
  letter: letter.optional().meta({ description: '推荐函正文；省略时按批次通知（标题、文号）和排序生成' }),
  batchId: id.optional().meta({ description: '批次 id；省略时取所选申报的批次' }),
  ...letterDetails,
});
export type CreateDispatchRequest = z.infer<typeof createDispatchRequest>;

export const updateDispatchRequest = z.object({
  version: z.number({ error: '缺少版本号' }).int().min(1),
  applicationIds: applicationIds.optional(),
  letter: letter.optional(),
  ...letterDetails,
});
export type UpdateDispatchRequest = z.infer<typeof updateDispatchRequest>;

export const dispatchActionParams = z.object({ id, action: z.enum(DISPATCH_ACTIONS, { error: '未知的操作' }) });

/**
 * send: requires the pledge of the supervising department (attachment 5; the province signs its own);
 * return: the approver's reason for sending the package back to its builder; version optionally pins
 * what was reviewed.
 */
export const dispatchActionRequest = z
  .object({
    pledge: pledgeSchema.optional(),
    comment: z
      .string()
      .trim()
      .max(1000, '退回理由不能超过 1000 字')
      .optional()
      .meta({ description: '退回理由（return）' }),
    opinion: z
      .string()
      .trim()
      .max(2000, '报送意见不能超过 2000 个字')
      .optional()
      .meta({ description: '报送意见（send，可选）：记入每项申报的审核记录，印在审核意见表上' }),
    arrival: arrivalInput.optional().meta({ description: '接收登记（receive）：送达方式、所含材料份数' }),
    version: z.number().int().min(1).optional(),
  })
  .nullish()
  // receive needs no body at all
  .transform((v) => v ?? {});
export type DispatchActionRequest = z.output<typeof dispatchActionRequest>;

export const DISPATCH_SORTS = ['createdAt', 'sentAt', 'status'] as const;
export type DispatchSort = (typeof DISPATCH_SORTS)[number];

export const listDispatchesQuery = z
  .object({
    level: z.enum(DISPATCH_LEVELS).optional(),
    status: z.enum(DISPATCH_STATUSES).optional(),
    batchId: id.optional(),
    /** The province a dispatch is of (the Ministry's dashboard links by province). */
    provinceId: id.optional(),
  })
  .extend(pageQuery(DISPATCH_SORTS, { sort: 'createdAt', order: 'desc' }).shape);

const orgRef = z.object({ id: z.string(), name: z.string() });

/** Actions on a dispatch the current user may take now; `edit` means PATCH. */
export const DISPATCH_ALLOWED_ACTIONS = ['edit', ...DISPATCH_ACTIONS] as const;

/**
 * What the detail says about a draft's signature, decided by the server for the viewer: it may sign
 * now (`can_send`, city level), it holds the signing role but the four-eyes rule keeps it from signing
 * (`four_eyes`), or the draft waits for the signer (`awaiting_signature`).
 */
export const DISPATCH_SEND_NOTES = ['can_send', 'four_eyes', 'awaiting_signature'] as const;
export type DispatchSendNote = (typeof DISPATCH_SEND_NOTES)[number];

export const paperCopyTotalsSchema = z.object({
  /** Copies that count toward the two expected (no code, or the code of the current submission). */
  count: z.number(),
  /** Copies registered with a code that does not match the current submission. */
  flagged: z.number(),
});

export const dispatchSummarySchema = z.object({
  id: z.string(),
  level: z.enum(DISPATCH_LEVELS),
  levelLabel: z.string(),
  batchId: z.string(),
  fromOrg: orgRef,
  status: z.enum(DISPATCH_STATUSES),
  statusLabel: z.string(),
  supplementary: z.boolean(),
  itemCount: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  version: z.number(),
  /** 接收登记 (issue 14): how the package arrived, what it contained, whether it was late. */
  arrival: arrivalSchema,
});

export const dispatchSchema = dispatchSummarySchema.omit({ itemCount: true }).extend({
  letter: z.string(),
  letterNo: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  /** The approver's last send-back: why, when, by whom; null when never returned. */
  returned: z.object({ comment: z.string(), at: z.string(), by: z.string() }).nullable(),
  items: z.array(
    z.object({
      rank: z.number(),
      applicationId: z.string(),
      number: z.string().nullable(),
      spaceName: z.string().nullable(),
      unitName: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      statusLabel: z.string(),
      paperCopies: paperCopyTotalsSchema,
    }),
  ),
  createdBy: orgRef,
  sentBy: orgRef.nullable(),
  pledge: z.object({ signerName: z.string(), signedAt: z.string() }).nullable(),
  /** The approver's opinion at 报送, or null. */
  sendOpinion: z.string().nullable(),
  receivedBy: orgRef.nullable(),
  /** The deadline in force for sending (extensions included), ISO-8601; null when none is set. */
  deadline: z.string().nullable(),
  allowedActions: z.array(z.enum(DISPATCH_ALLOWED_ACTIONS)),
  /** The note on a draft's signature for this viewer (null: none). */
  sendNote: z.enum(DISPATCH_SEND_NOTES).nullable(),
});
export type Dispatch = z.infer<typeof dispatchSchema>;

export const dispatchResponse = z.object({ dispatch: dispatchSchema });
export const dispatchListResponse = pageResponse(dispatchSummarySchema).extend({
  /** The bulk actions the current user's roles may start on this list (each dispatch is still checked). */
  bulkActions: z.array(z.enum(DISPATCH_BULK_ACTIONS)).optional(),
  /** The level of dispatch the current user may assemble (组织报送批), or null. */
  createLevel: z.enum(DISPATCH_LEVELS).nullable().optional(),
});

// ---- Paper copies ----

export const CODE_STATUSES = ['match', 'outdated', 'other_application', 'unknown'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];
export const codeStatusLabels: Record<CodeStatus, string> = {
  match: '与当前提交版本一致',
  outdated: '对应该申报的旧版本',
  other_application: '属于另一份申报',
  unknown: '无法识别',
};

export const registerPaperCopyRequest = z.object({
  count: z.number({ error: '请填写份数' }).int('份数应为整数').min(1, '份数至少为 1').max(10, '一次登记不能超过 10 份'),
  receivedOn: z
    .string({ error: '请填写收到日期' })
    .trim()
    .refine(isRealDate, '收到日期格式应为 YYYY-MM-DD')
    .meta({ description: '收到日期 YYYY-MM-DD（北京时间）' }),
  receivedBy: z.string().trim().min(1, '请填写接收人').max(50, '接收人不能超过 50 个字').optional(),
  code: z
    .string()
    .trim()
    .max(40, '校验码格式不正确')
    .optional()
    .meta({
      description: `纸质材料上印的校验码：提交版本 SHA-256 的前 ${VERIFICATION_CODE_LENGTH} 位十六进制数字（可含空格或连字符）`,
    }),
});
export type RegisterPaperCopyRequest = z.infer<typeof registerPaperCopyRequest>;

export const paperCopySchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  count: z.number(),
  receivedOn: z.string(),
  receivedBy: z.string(),
  code: z.string().nullable(),
  codeStatus: z.enum(CODE_STATUSES).nullable(),
  codeStatusLabel: z.string().nullable(),
  /** Whether this registration counts toward the two copies expected. */
  counted: z.boolean(),
  registeredAt: z.string(),
});

export const paperCopyTotalsResponse = paperCopyTotalsSchema.extend({
  expected: z.number().meta({ description: `应收份数（一式两份：${PAPER_COPIES_EXPECTED}）` }),
  complete: z.boolean(),
});

export const registerPaperCopyResponse = z.object({
  paperCopy: paperCopySchema,
  totals: paperCopyTotalsResponse,
  /** What the registration means, in Chinese (why a copy is flagged and does not count). */
  message: z.string(),
});

export const paperCopyListResponse = z.object({
  items: z.array(paperCopySchema),
  totals: paperCopyTotalsResponse,
});
