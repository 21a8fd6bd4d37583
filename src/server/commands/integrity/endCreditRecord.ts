import { todayInShanghai } from '../../../domain/application.js';
import { AppError } from '../../../domain/errors.js';
import type { EndCreditRecordRequest } from '../../../domain/schemas/integrity.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { creditRecordInScope, creditRecordRole, creditScopeOf } from '../../policies/integrity.js';
import { endCreditRecord as endRecord, findCreditRecord } from '../../repositories/creditRecords.js';

/** 'YYYY-MM-DD' is the start of that day in Asia/Shanghai; a date-time is taken as given. */
export const parseValidTo = (v: string): Date => new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v);

/**
 * Ends a credit record (from validTo on it no longer blocks applications), with a reason: the
 * province officer of the recording province, or the Ministry. Only an active record can be ended.
 */
export async function endCreditRecord(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: EndCreditRecordRequest;
}) {
  const { db, ctx, input } = opts;
  const scope = creditScopeOf(ctx.actor);
  const record = await findCreditRecord(db, opts.id);
  if (!record || !creditRecordInScope(scope, record)) throw new AppError('not_found', '信用记录不存在');
  const role = creditRecordRole(ctx.actor);
  const now = ctx.now.getTime();
  if (record.valid_to && new Date(record.valid_to).getTime() <= now)
    throw new AppError('invalid_transition', '该信用记录已终止');
  let validTo = parseValidTo(input.validTo);
  const validFrom = new Date(record.valid_from);
  if (
    !Number.isNaN(validTo.getTime()) &&
    validTo < validFrom &&
    todayInShanghai(validTo) === todayInShanghai(validFrom)
  ) {
    // Ended on the day it started: it ends the moment it started.
    validTo = validFrom;
  }
  if (Number.isNaN(validTo.getTime()) || validTo < validFrom) {
    const message = '终止日期不能早于起始日期';
    throw new AppError('validation_failed', message, [{ path: 'validTo', message }]);
  }
  await db.transaction().execute(async (trx) => {
    const ok = await endRecord(trx, {
      id: record.id,
      validTo: validTo.toISOString(),
      reason: input.reason,
      userId: ctx.actor.userId,
      now: ctx.now,
    });
    if (!ok) throw new AppError('invalid_transition', '该信用记录已终止');
    await appendAudit(trx, ctx, {
      action: 'credit_record.end',
      role,
      target: { type: 'credit_record', id: record.id },
      summary: { uscc: record.uscc, unitName: record.unit_name, validTo: validTo.toISOString(), reason: input.reason },
    });
  });
  return (await findCreditRecord(db, record.id))!;
}
