import { z } from 'zod';
import { DISPATCH_STATUSES } from '../workflow.js';
import { arrivalInput } from './arrival.js';

/** At most this many dispatches per bulk request (a batch's incoming lists fit many times over). */
export const DISPATCH_BULK_MAX_ITEMS = 100;

/** Actions that may be taken on many dispatches at once, each as if taken one by one. */
export const DISPATCH_BULK_ACTIONS = ['receive'] as const;
export type DispatchBulkAction = (typeof DISPATCH_BULK_ACTIONS)[number];

export const dispatchBulkActionLabels: Record<DispatchBulkAction, string> = {
  receive: '批量接收登记',
};

/**
 * POST /api/dispatches/bulk-actions: the action, the dispatches, and the single action's own
 * parameters (for receive: the 接收登记, the same for every dispatch; optional as for one).
 */
export const dispatchBulkActionRequest = z.object({
  action: z.enum(DISPATCH_BULK_ACTIONS, { error: '批量操作不正确' }),
  ids: z
    .array(z.string().trim().min(1).max(64), { error: '请选择报送批' })
    .min(1, '请至少选择一个报送批')
    .max(DISPATCH_BULK_MAX_ITEMS, `一次最多处理 ${DISPATCH_BULK_MAX_ITEMS} 个报送批`)
    .refine((ids) => new Set(ids).size === ids.length, '所选报送批有重复')
    .meta({ description: `报送批 ID，1–${DISPATCH_BULK_MAX_ITEMS} 个，不得重复` }),
  arrival: arrivalInput
    .optional()
    .meta({ description: '接收登记（receive）：送达方式、所含材料份数，对每个报送批相同' }),
});
export type DispatchBulkActionRequest = z.infer<typeof dispatchBulkActionRequest>;

export const dispatchBulkResultSchema = z.object({
  dispatchId: z.string(),
  ok: z.boolean(),
  /** The dispatch's status after the action (when it succeeded). */
  status: z.enum(DISPATCH_STATUSES).optional(),
  /** Received after the deadline in force (receive, when it succeeded). */
  late: z.boolean().optional(),
  /** Why this dispatch was refused: the same code and message as the single action. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type DispatchBulkResult = z.infer<typeof dispatchBulkResultSchema>;

export const dispatchBulkActionResponse = z.object({ results: z.array(dispatchBulkResultSchema) });
export type DispatchBulkActionResponse = z.infer<typeof dispatchBulkActionResponse>;
