import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../audit.js';

export const listAuditQuery = z.object({
  from: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  targetId: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

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
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditListResponse = z.object({ items: z.array(auditRecordSchema), nextCursor: z.string().nullable() });
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  count: z.number(),
  brokenAt: z.number().optional(),
  reason: z.string().optional(),
});
