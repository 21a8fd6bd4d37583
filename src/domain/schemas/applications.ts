import { z } from 'zod';
import { BULK_ACTIONS } from './bulk.js';
import { pageQuery, pageResponse } from './pagination.js';
import { OPERATOR_NATURES } from '../application/labels.js';
import { NARRATIVE_IMAGE_FILE_KIND } from '../narrative/schema.js';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES } from '../workflow.js';

/** Kinds of supporting upload an application carries; a batch may name some of them as required. */
export const APPLICATION_FILE_KINDS = [
  'stamp_scan',
  'pledge_scan',
  'business_license',
  'provincial_filing_proof',
  'site_photos',
  'other',
] as const;
export type ApplicationFileKind = (typeof APPLICATION_FILE_KINDS)[number];

/** Every kind an upload may carry: the supporting files, and the 申报书's pictures (PNG/JPEG, shown in the narrative). */
export const UPLOAD_FILE_KINDS = [...APPLICATION_FILE_KINDS, NARRATIVE_IMAGE_FILE_KIND] as const;
export type UploadFileKind = (typeof UPLOAD_FILE_KINDS)[number];

export const applicationFileKindLabels: Record<UploadFileKind, string> = {
  stamp_scan: '基础信息表（运营主体盖章）扫描件',
  pledge_scan: '申报单位信用承诺书（签字盖章）扫描件',
  business_license: '运营主体营业执照',
  provincial_filing_proof: '省级众创空间备案证明',
  site_photos: '场地照片',
  other: '其他证明材料',
  narrative_image: '申报书插图',
};

export const applicationFileKindSchema = z.enum(APPLICATION_FILE_KINDS, { error: '附件类别不正确' });
export const uploadFileKindSchema = z.enum(UPLOAD_FILE_KINDS, { error: '附件类别不正确' });

/** Upload limits, shown by the form and enforced by the server. */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
export const UPLOAD_TYPES_LABEL = 'PDF、JPG、PNG、Word（DOCX）、Excel（XLSX）';
export const MAX_FILES_PER_APPLICATION = 50;

const id = z.string().min(1).max(64);

// ---- requests ----

export const createApplicationRequest = z.object({
  batchId: z.string({ error: '请选择申报批次' }).min(1, '请选择申报批次').max(64),
});

/**
 * A draft save: each section given replaces the stored one (null clears it); sections left out stay
 * as they are. The server checks the sections with the shared draft schema (draftContentSchema).
 */
export const updateApplicationRequest = z.object({
  version: z.number({ error: '缺少版本号' }).int().min(1),
  basicInfo: z.unknown().optional().meta({ description: '基础信息表（附件2），草稿可不完整' }),
  narrative: z.unknown().optional().meta({ description: '申报书（附件3），富文本为 HTML，服务器净化后保存' }),
  provincialFiling: z.unknown().optional().meta({ description: '省级备案情况' }),
});
export type UpdateApplicationRequest = z.infer<typeof updateApplicationRequest>;

export const applicationActionParams = z.object({ id, action: z.enum(APPLICATION_ACTIONS, { error: '未知的操作' }) });

/** The pledge is checked by the server (pledgeSchema) together with everything else on submit. */
export const applicationActionRequest = z.object({
  comment: z.string().max(2000, '意见不能超过 2000 个字').optional(),
  pledge: z
    .object({
      signerName: z.string().max(100).optional(),
      agreed: z.boolean().optional(),
      /** The signer is not the 法人代表 and the applicant confirms it (recorded with the pledge). */
      signerMismatchConfirmed: z.boolean().optional(),
    })
    .optional(),
});
export type ApplicationActionRequest = z.infer<typeof applicationActionRequest>;

/** status=submitted&status=returned or status=submitted,returned */
const statusList = z.preprocess(
  (v) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter(Boolean),
  z
    .array(z.enum(APPLICATION_STATUSES, { error: '状态不正确' }))
    .max(APPLICATION_STATUSES.length)
    .optional(),
);

/** The filters of the application list (also those of its Excel export). */
export const applicationListFilter = z.object({
  status: statusList,
  cityId: z.string().max(64).optional(),
  /** Narrows the Ministry's list to a province (others' lists are within their province already). */
  provinceId: z.string().max(64).optional(),
  batchId: z.string().max(64).optional(),
  /** 主要专业方向 of the submitted snapshot, exactly one of the fields named (the dashboard's links). */
  mainField: z.string().trim().max(50).optional(),
  /** 运营主体性质 of the submitted snapshot. */
  operatorNature: z.enum(OPERATOR_NATURES, { error: '运营主体性质不正确' }).optional(),
  q: z.string().trim().max(100).optional(),
  /** Only decisions the Ministry published (公布): the Ministry home's 已公布 count opens this list. */
  published: z.preprocess(
    (v) => (v === 'true' || v === '1' ? true : v),
    z.literal(true, { error: '已公布筛选只能为 true' }).optional(),
  ),
  /** 查重: only applications whose 总文字复制比 is at least this fraction (officials only). */
  minSimilarity: z.coerce
    .number({ error: '复制比下限应为 0 到 1 之间的数' })
    .min(0, { error: '复制比下限应为 0 到 1 之间的数' })
    .max(1, { error: '复制比下限应为 0 到 1 之间的数' })
    .optional(),
});
export type ApplicationListFilter = z.infer<typeof applicationListFilter>;

/** Sort keys of the application list (queues): the newest change first unless asked otherwise. */
export const APPLICATION_SORTS = [
  'updatedAt',
  'submittedAt',
  'number',
  'spaceName',
  'unitName',
  'cityName',
  'status',
  /** 查重's 总文字复制比 (officials only); applications without a ready report last. */
  'similarity',
] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export const listApplicationsQuery = applicationListFilter.extend(
  pageQuery(APPLICATION_SORTS, { sort: 'updatedAt', order: 'desc' }).shape,
);
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

export const fileParams = z.object({ id, fileId: id });
export const downloadQuery = z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') });

// ---- responses ----

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);

export const applicationFileSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type ApplicationFile = z.infer<typeof applicationFileSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  fromStatusLabel: z.string().nullable(),
  toStatus: z.string(),
  toStatusLabel: z.string(),
  comment: z.string().nullable(),
  /** The organisation that acted (what the applicant sees). */
  actorOrgName: z.string().nullable(),
  /** The person who acted: shown to the authorities only, null for the applicant unit. */
  actorName: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const section = z.record(z.string(), z.unknown()).nullable();

export const applicationUnitSchema = z.object({ id: z.string(), name: z.string(), uscc: z.string() });

export const applicationListItemSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  batchId: z.string(),
  batchName: z.string(),
  unit: applicationUnitSchema,
  cityId: z.string(),
  cityName: z.string(),
  spaceName: z.string().nullable(),
  status: applicationStatusSchema,
  statusLabel: z.string(),
  version: z.number(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The application's last change in the process (creation, transitions): what the queues sort by. */
  updatedAt: z.string(),
  /** The working copy's last save — for the applicant unit only (null for everyone else). */
  savedAt: z.string().nullable(),
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

export const applicationListResponse = pageResponse(applicationListItemSchema).extend({
  /** The bulk actions the current user's roles may start on this list (each item is still checked). */
  bulkActions: z.array(z.enum(BULK_ACTIONS)),
});

export const indicatorSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  nationalMin: z.number().optional(),
  jiangsuMin: z.number().optional(),
  note: z.string().optional(),
  value: z.number().nullable(),
  belowNational: z.boolean(),
  belowJiangsu: z.boolean(),
});

export const applicationDetailSchema = applicationListItemSchema.extend({
  /**
   * The applicant unit sees its working copy; everyone else sees the content as last submitted
   * (the snapshot the pledge is bound to), or the working copy if it was never submitted.
   */
  content: z.object({ basicInfo: section, narrative: section, provincialFiling: section }),
  files: z.array(applicationFileSchema),
  requiredFileKinds: z.array(z.string()),
  /** The 法定代表人 the unit registered with: the pledge signer is checked against it where the content names none. */
  unitLegalRepresentative: z.string().nullable(),
  pledge: z.object({ signerName: z.string(), signedAt: z.string(), snapshotSha256: z.string() }).nullable(),
  snapshot: z.object({ seq: z.number(), sha256: z.string(), createdAt: z.string() }).nullable(),
  /** The applicant deadline in force for this application's city (extensions included); null if none. */
  deadline: z.string().nullable(),
  allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
  /** Assessment actions beside the workflow: the province officer may assign experts now. */
  assessmentActions: z.array(z.enum(['assign_experts'])),
  timeline: z.array(timelineEntrySchema),
  /** Advisory filing indicators (never blocking), computed from the basic info shown. */
  indicators: z.array(indicatorSchema),
  /** The unit's own last save of its working copy (shown to the unit only; null otherwise or never saved). */
  lastSave: z.object({ at: z.string(), byName: z.string().nullable() }).nullable(),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

/**
 * The answer to a save (PATCH): the new version and, in `content`, only the sections this save
 * replaced, as stored (the narrative sanitised); a section cleared is null, a section not sent is
 * absent. The client merges them into the detail it holds (the working copy is stored per section
 * and a save reads no other section).
 */
export const applicationUpdateResponse = z.object({
  id: z.string(),
  version: z.number(),
  /** When this save was stored (the working copy's time, the application's savedAt). */
  updatedAt: z.string(),
  content: z.object({
    basicInfo: section.optional(),
    narrative: section.optional(),
    provincialFiling: section.optional(),
  }),
});

export const applicationFileListResponse = z.object({ items: z.array(applicationFileSchema) });
