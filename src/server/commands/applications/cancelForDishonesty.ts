import { randomUUID } from 'node:crypto';
import type { Role } from '../../../domain/roles.js';
import type { Transition } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { insertCreditRecord } from '../../repositories/creditRecords.js';
import { findOrg } from '../../repositories/orgs.js';
import type { ApplicationRow } from '../../repositories/applications.js';
import { applyTransition } from './applyTransition.js';

/**
 * Cancels an application for dishonesty (取消推荐资格) and, in the same transaction, records the unit
 * as dishonest (不良科技信用记录) against its USCC from now on, with no end date: while the record is
 * active the unit cannot apply again. The record belongs to the application's province.
 */
export async function cancelForDishonesty(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  app: ApplicationRow;
  transition: Transition;
  role: Role;
  comment: string;
}) {
  const { db, ctx, app } = opts;
  const org = await findOrg(db, ctx.actor.orgId);
  const at = ctx.now.toISOString();
  const reason = opts.comment.trim();
  const source = `${app.batch_name}申报${app.number ? `（申报编号 ${app.number}）` : ''}，由${org?.name ?? '主管部门'}取消资格`;
  const recordId = randomUUID();
  return db.transaction().execute(async (trx) => {
    const { version } = await applyTransition(trx, ctx, {
      app,
      transition: opts.transition,
      role: opts.role,
      comment: reason,
      summary: { creditRecordId: recordId },
    });
    await insertCreditRecord(trx, {
      id: recordId,
      uscc: app.uscc,
      unit_name: app.unit_name,
      unit_id: app.unit_id,
      application_id: app.id,
      reason,
      source,
      recorded_by_org_id: ctx.actor.orgId,
      province_id: app.province_id,
      valid_from: at,
      valid_to: null,
      created_by: ctx.actor.userId,
      created_at: at,
      end_reason: null,
      ended_by: null,
      ended_at: null,
    });
    await appendAudit(trx, ctx, {
      action: 'credit_record.create',
      role: opts.role,
      target: { type: 'credit_record', id: recordId },
      summary: { uscc: app.uscc, unitName: app.unit_name, applicationId: app.id, reason },
    });
    return { version };
  });
}
