import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../audit.js';
import { pageQuery, pageResponse } from './pagination.js';

/** The audit log's sort keys (server whitelist): 序号 (the default, newest first), time, actor, action, outcome. */
export const AUDIT_SORTS = ['seq', 'at', 'actor', 'action', 'outcome'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** The audit log's filters (also the export's: it exports the filtered view, every page). */
export const auditFilterQuery = z.object({
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  targetId: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
});
export type AuditFilterQuery = z.infer<typeof auditFilterQuery>;

export const listAuditQuery = auditFilterQuery.extend(pageQuery(AUDIT_SORTS, { sort: 'seq', order: 'desc' }).shape);

export const auditRecordSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  /** The seal that holds the record (已封存于第 N 批), or null while it waits (待封存). */
  sealId: z.number().nullable(),
  /** The summary in Chinese (状态：已提交待审核 → 退回修改). */
  summaryText: z.string(),
  /** The target for people: an application's number and space name instead of its id. */
  targetLabel: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditListResponse = pageResponse(auditRecordSchema);
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Records whose hash was checked. */
  count: z.number(),
  /** Records inside verified seals, the number of seals and the latest one. */
  sealed: z.number(),
  seals: z.number(),
  latestSeal: z.number().nullable(),
  /** Seal heads found in the anchors and compared. */
  anchored: z.number().nullable(),
  brokenAt: z.number().optional(),
  sealId: z.number().optional(),
  reason: z.string().optional(),
});

export const auditProofParams = z.object({
  seq: z.coerce.number({ error: '记录编号必须是数字' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});
