import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../../domain/errors.js';
import type { DispatchBulkActionRequest, DispatchBulkResult } from '../../../domain/schemas/dispatchBulk.js';
import type { DispatchStatus } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { assertMayStartDispatchBulk } from '../../policies/dispatchBulk.js';
import { findDispatch } from '../../repositories/dispatches.js';
import { receiveDispatch } from './receiveDispatch.js';

type Ctx = RequestContext & { actor: Actor };

/**
 * POST /dispatches/bulk-actions: the same action on many dispatches, one after another, each exactly
 * as the single action runs it (its checks, its transaction, its audit record and notification), so
 * a dispatch is either received with its 接收登记 or untouched. A refusal (not in the actor's reach,
 * already received, arrival time before it was sent …) is reported on its row and the next dispatch
 * is tried; the answer lists every dispatch in the order given.
 */
export async function runDispatchBulkAction(opts: {
  db: Db;
  ctx: Ctx;
  input: DispatchBulkActionRequest;
  log: FastifyBaseLogger;
}): Promise<DispatchBulkResult[]> {
  const { db, ctx, input, log } = opts;
  assertMayStartDispatchBulk(ctx.actor, input.action);
  const results: DispatchBulkResult[] = [];
  for (const dispatchId of input.ids) {
    try {
      switch (input.action) {
        case 'receive':
          await receiveDispatch({ db, ctx, id: dispatchId, input: input.arrival ? { arrival: input.arrival } : {} });
          break;
      }
      const after = await findDispatch(db, dispatchId);
      results.push({
        dispatchId,
        ok: true,
        ...(after ? { status: after.status as DispatchStatus, late: after.late === 1 } : {}),
      });
    } catch (err) {
      if (err instanceof AppError) {
        // Out of reach and unknown read alike: the row says neither which province nor whether it exists.
        const message = err.code === 'not_found' ? '报送批不存在或不在您的接收范围内' : err.message;
        results.push({ dispatchId, ok: false, error: { code: err.code, message } });
      } else {
        // An unexpected failure of one item must not hide what happened to the others.
        log.error({ err, dispatchId, action: input.action }, 'bulk dispatch action item failed');
        results.push({ dispatchId, ok: false, error: { code: 'internal', message: '处理失败，请稍后重试' } });
      }
    }
  }
  return results;
}
