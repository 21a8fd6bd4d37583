import { z } from 'zod';
import type { ApplicationStatus } from '../workflow.js';
import { applicationFilterSchema } from './dashboard.js';

/**
 * The Ministry's landing page (科技部工作台, issue 17): per province, the lists it sent and the
 * Ministry received, the applications that reached the Ministry and what became of them. Every
 * count carries where it links: the Ministry's application queue (an application filter; the
 * published count too, filtered to published decisions) or its list of incoming dispatches (a
 * dispatch filter).
 */

/** Applications that reached the Ministry: sent in a province's list, decided or not. */
export const AT_MINISTRY: readonly ApplicationStatus[] = ['dispatched_to_ministry', 'filed', 'not_filed'];

export const MINISTRY_STAGES = [
  { key: 'listsToReceive', label: '待接收报送批' },
  { key: 'listsReceived', label: '已接收报送批' },
  { key: 'received', label: '报送至部申报' },
  { key: 'pending', label: '待备案' },
  { key: 'filed', label: '予以备案' },
  { key: 'notFiled', label: '不予备案' },
  { key: 'published', label: '已公布' },
] as const;
export type MinistryStageKey = (typeof MINISTRY_STAGES)[number]['key'];

/** The statuses of published decisions: filed or not filed, and filed then cancelled (取消资格). */
export const PUBLISHED_STATUSES: readonly ApplicationStatus[] = ['filed', 'not_filed', 'cancelled'];

/** The application statuses each application stage counts (the dispatch and publication stages count otherwise). */
export const MINISTRY_STAGE_STATUSES: Partial<Record<MinistryStageKey, readonly ApplicationStatus[]>> = {
  received: AT_MINISTRY,
  pending: ['dispatched_to_ministry'],
  filed: ['filed'],
  notFiled: ['not_filed'],
};

export const ministryDashboardQuery = z.object({
  batchId: z.string().max(64).optional(),
});

/** GET /api/dispatches filter for a dispatch count. */
export const dispatchLinkSchema = z.object({
  level: z.literal('province'),
  status: z.enum(['sent', 'received']),
  provinceId: z.string().optional(),
  batchId: z.string().optional(),
});

const cell = z.object({
  key: z.enum(MINISTRY_STAGES.map((s) => s.key) as [MinistryStageKey, ...MinistryStageKey[]]),
  count: z.number(),
  /** Where the number links: exactly one of these. */
  applications: applicationFilterSchema.optional(),
  dispatches: dispatchLinkSchema.optional(),
});
export type MinistryCell = z.infer<typeof cell>;

export const ministryDashboardResponse = z.object({
  batchId: z.string().nullable(),
  stages: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Every provincial-level unit in official order, zeros included. */
  rows: z.array(z.object({ provinceId: z.string(), provinceName: z.string(), cells: z.array(cell) })),
  totals: z.array(cell),
});
export type MinistryDashboard = z.infer<typeof ministryDashboardResponse>;
