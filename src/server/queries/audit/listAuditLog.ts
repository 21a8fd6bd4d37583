import type { AuditFilterQuery, AuditSort } from '../../../domain/schemas/audit.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { assertMayReadAudit } from '../../policies/audit.js';
import { jurisdictionOf } from '../../policies/common.js';
import { presentAuditRecord } from '../../presenters/audit.js';
import { listAudit, listAuditPage } from '../../repositories/audit.js';
import type { PageRequest } from '../pagination.js';

/** The most records one export holds. */
export const AUDIT_EXPORT_MAX = 10_000;

/** One page of the audit log within the auditor's reach, under the filters, with the total. */
export async function listAuditLog(db: Executor, actor: Actor, query: AuditFilterQuery & PageRequest<AuditSort>) {
  assertMayReadAudit(actor);
  const { page, pageSize, sort, order, cursor, limit, ...filter } = query;
  const paged = await listAuditPage(
    db,
    { ...filter, scope: jurisdictionOf(actor) },
    { page, pageSize, sort, order, cursor, limit },
  );
  return { ...paged, items: paged.items.map(presentAuditRecord) };
}

/** Every record of the filtered view (all its pages, newest first, at most AUDIT_EXPORT_MAX), for the export. */
export async function exportAuditLog(db: Executor, actor: Actor, filter: AuditFilterQuery) {
  assertMayReadAudit(actor);
  const rows = await listAudit(db, { ...filter, scope: jurisdictionOf(actor) }, AUDIT_EXPORT_MAX);
  return rows.map(presentAuditRecord);
}

/** Whether the auditor may see record `seq` (the same reach as the list). */
export async function canSeeAuditRecord(db: Executor, actor: Actor, seq: number) {
  assertMayReadAudit(actor);
  const rows = await listAudit(db, { seq, scope: jurisdictionOf(actor) }, 1);
  return rows.length === 1;
}
