import { z } from 'zod';
import { APPLICATION_STATUSES } from '../workflow.js';
import { registerPaperCopyRequest, registerPaperCopyResponse } from './dispatches.js';

/** At most this many applications per bulk request (a batch's city list fits; the server stays responsive). */
export const BULK_MAX_ITEMS = 200;

/** Workflow actions that may be taken on many applications at once, each as if taken one by one. */
export const BULK_WORKFLOW_ACTIONS = ['recommend', 'accept', 'province_recommend', 'file'] as const;
export const BULK_ACTIONS = [...BULK_WORKFLOW_ACTIONS, 'assign_expert', 'register_paper_copy'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkActionLabels: Record<BulkAction, string> = {
  recommend: '批量推荐',
  accept: '批量受理通过',
  province_recommend: '批量省级推荐',
  file: '批量备案',
  assign_expert: '批量分配评审专家',
  register_paper_copy: '批量登记纸质材料',
};

const applicationIds = z
  .array(z.string().trim().min(1).max(64), { error: '请选择申报' })
  .min(1, '请至少选择一份申报')
  .max(BULK_MAX_ITEMS, `一次最多处理 ${BULK_MAX_ITEMS} 份申报`)
  .refine((ids) => new Set(ids).size === ids.length, '所选申报有重复')
  .meta({ description: `申报 ID，1–${BULK_MAX_ITEMS} 个，不得重复` });

const comment = z.string().max(2000, '意见不能超过 2000 个字').optional();

/** POST /api/applications/bulk-actions: the action, the applications, and the action's own parameters. */
export const bulkActionRequest = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.enum(BULK_WORKFLOW_ACTIONS), applicationIds, comment }),
    z.object({
      action: z.literal('assign_expert'),
      applicationIds,
      expertId: z.string({ error: '请选择专家' }).trim().min(1, '请选择专家').max(64),
    }),
    registerPaperCopyRequest.omit({ code: true }).extend({ action: z.literal('register_paper_copy'), applicationIds }),
  ],
  { error: '批量操作不正确' },
);
export type BulkActionRequest = z.infer<typeof bulkActionRequest>;

export const bulkResultSchema = z.object({
  applicationId: z.string(),
  ok: z.boolean(),
  /** The application's status after the action (when it succeeded). */
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** Why this application was refused: the same code and message as the single action. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const bulkActionResponse = z.object({ results: z.array(bulkResultSchema) });
export type BulkActionResponse = z.infer<typeof bulkActionResponse>;

/** POST /api/paper-copies/scans: one scanned 校验码 finds its application and registers one copy. */
export const scanPaperCopyRequest = registerPaperCopyRequest.omit({ code: true, count: true }).extend({
  code: z.string({ error: '请扫描校验码' }).trim().min(1, '请扫描校验码').max(40, '校验码格式不正确'),
  /** Defaults to today (Beijing time). */
  receivedOn: registerPaperCopyRequest.shape.receivedOn.optional(),
});
export type ScanPaperCopyRequest = z.infer<typeof scanPaperCopyRequest>;

export const scanPaperCopyResponse = registerPaperCopyResponse.extend({
  application: z.object({ id: z.string(), number: z.string().nullable(), spaceName: z.string().nullable() }),
});
export type ScanPaperCopyResponse = z.infer<typeof scanPaperCopyResponse>;
