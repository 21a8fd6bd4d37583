import type { AuditRecord } from '../../domain/schemas/audit.js';
import { auditSummaryText } from '../../domain/auditSummary.js';
import type { AuditLogTable } from '../db/schema.js';

export const presentAuditRecord = (
  r: Omit<AuditLogTable, 'seq'> & {
    seq: number | string;
    org_name: string | null;
    seal_id: number | string | null;
    app_number?: string | null;
    app_space_name?: string | null;
    user_name?: string | null;
    user_display_name?: string | null;
    batch_name?: string | null;
  },
): AuditRecord => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  orgId: r.org_id,
  orgName: r.org_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  outcome: r.outcome as AuditRecord['outcome'],
  ip: r.ip,
  requestId: r.request_id,
  summary: JSON.parse(r.summary) as Record<string, unknown>,
  summaryText: auditSummaryText(JSON.parse(r.summary) as Record<string, unknown>),
  targetLabel: targetLabel(r),
  sealId: r.seal_id === null ? null : Number(r.seal_id),
});

/** What a person reads for the record's object: the application's number and name, the account, the batch. */
function targetLabel(r: {
  app_number?: string | null;
  app_space_name?: string | null;
  user_name?: string | null;
  user_display_name?: string | null;
  batch_name?: string | null;
}): string | null {
  if (r.app_number || r.app_space_name)
    return [r.app_number ?? '（未编号）', r.app_space_name].filter(Boolean).join(' ');
  if (r.user_name) return r.user_display_name ? `${r.user_name}（${r.user_display_name}）` : r.user_name;
  return r.batch_name ?? null;
}
