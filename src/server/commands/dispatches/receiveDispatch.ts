import { AppError } from '../../../domain/errors.js';
import { arrivalMethodLabels } from '../../../domain/schemas/arrival.js';
import type { DispatchActionRequest } from '../../../domain/schemas/dispatches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { notifyDispatchReceived } from '../../notifications/dispatches.js';
import { inTime } from '../../../domain/deadline-rules.js';

import { dispatchFacts, moveDispatch, openDispatchAction } from './dispatchFacts.js';

/**
 * The acceptance centre (city dispatches) or the Ministry (province dispatches) marks a sent dispatch
 * received, with the 接收登记: how the package arrived, what it contained, and when (by default now;
 * never before it was sent nor in the future). Whether it arrived after the deadline in force is the
 * server's finding, stored with it.
 */
export async function receiveDispatch(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: DispatchActionRequest;
}) {
  const { db, ctx, id, input } = opts;
  const { d, items, transition, role } = await openDispatchAction(db, ctx, id, 'receive');
  if (input.version !== undefined && input.version !== d.version) throw new AppError('version_conflict');
  const a = input.arrival;
  const arrivedAt = a?.arrivedAt ? new Date(a.arrivedAt) : ctx.now;
  if (arrivedAt.getTime() > ctx.now.getTime())
    throw new AppError('validation_failed', '送达时间不能晚于现在', [
      { path: 'arrival.arrivedAt', message: '送达时间不能晚于现在' },
    ]);
  if (d.sent_at && arrivedAt.getTime() < new Date(d.sent_at).getTime())
    throw new AppError('validation_failed', '送达时间不能早于报送时间', [
      { path: 'arrival.arrivedAt', message: '送达时间不能早于报送时间' },
    ]);
  const { deadline } = await dispatchFacts(db, ctx, d, items);
  const late = !inTime(deadline, arrivedAt);
  const at = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await moveDispatch(trx, d, transition.to, {
      received_by: ctx.actor.userId,
      received_at: arrivedAt.toISOString(),
      late: late ? 1 : 0,
      ...(a
        ? {
            arrival_method: a.method,
            electronic_copies: a.electronicCopies,
            paper_copies: a.paperCopies,
            has_letter: a.letter ? 1 : 0,
            has_pledge: a.pledge ? 1 : 0,
            arrival_note: a.note || null,
          }
        : {}),
      updated_at: at,
    });
    await appendAudit(trx, ctx, {
      action: 'dispatch.receive',
      role,
      target: { type: 'dispatch', id },
      summary: {
        level: d.level,
        batchId: d.batch_id,
        items: items.length,
        late,
        ...(a
          ? {
              arrival: arrivalMethodLabels[a.method],
              electronicCopies: a.electronicCopies,
              paperCopies: a.paperCopies,
              letter: a.letter,
              pledge: a.pledge,
              ...(a.arrivedAt ? { arrivedAt: arrivedAt.toISOString() } : {}),
            }
          : {}),
      },
    });
    await notifyDispatchReceived(trx, ctx.now, d, items.length, ctx.actor.orgId);
  });
  return { id };
}
