import type { AuditAction } from '../../../domain/audit.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';

/**
 * Records that an official took material of an application out of the system (a file, the PDF, the
 * Word 申报书, a letter): issue 11 item 8 found these downloads unaudited. An applicant unit reading
 * its own material is not recorded: it is its own data, and the list of its downloads says nothing.
 */
export async function auditDownload(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  event: { action: AuditAction; target: { type: string; id: string }; summary?: Record<string, unknown> },
  ownerUnitId?: string,
): Promise<void> {
  if (ownerUnitId !== undefined && ctx.actor.orgId === ownerUnitId) return;
  await db.transaction().execute((trx) => appendAudit(trx, ctx, event));
}
