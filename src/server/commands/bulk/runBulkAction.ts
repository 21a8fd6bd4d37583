import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../../domain/errors.js';
import type { BulkActionRequest, BulkResult } from '../../../domain/schemas/bulk.js';
import type { ApplicationStatus } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { assertMayStartBulk } from '../../policies/bulk.js';
import { findApplicationRef } from '../../repositories/dispatches.js';
import { runApplicationAction } from '../applications/runApplicationAction.js';
import { assignExpert } from '../experts/assignments.js';
import { registerPaperCopy } from '../paperCopies/registerPaperCopy.js';

type Ctx = RequestContext & { actor: Actor };

/** One application through the single action's command: its checks, its transaction, its audit record. */
async function runOne(db: Db, ctx: Ctx, input: BulkActionRequest, applicationId: string): Promise<void> {
  switch (input.action) {
    case 'recommend':
    case 'accept':
    case 'province_recommend':
    case 'file':
      await runApplicationAction({
        db,
        ctx,
        id: applicationId,
        action: input.action,
        input: { comment: input.comment },
      });
      return;
    case 'assign_expert':
      await assignExpert({ db, ctx, input: { applicationId, expertId: input.expertId } });
      return;
    case 'register_paper_copy':
      await registerPaperCopy({
        db,
        ctx,
        applicationId,
        input: { count: input.count, receivedOn: input.receivedOn, receivedBy: input.receivedBy },
      });
      return;
  }
}

/**
 * POST /applications/bulk-actions: the same action on many applications, one after another, each
 * exactly as the single action would run it (its own checks and its own transaction, so an
 * application is either fully done or untouched). A refusal is reported on its row and the next
 * application is tried; the answer lists every application in the order given.
 */
export async function runBulkAction(opts: {
  db: Db;
  ctx: Ctx;
  input: BulkActionRequest;
  log: FastifyBaseLogger;
}): Promise<BulkResult[]> {
  const { db, ctx, input, log } = opts;
  assertMayStartBulk(ctx.actor, input.action);
  const results: BulkResult[] = [];
  for (const applicationId of input.applicationIds) {
    try {
      await runOne(db, ctx, input, applicationId);
      const after = await findApplicationRef(db, applicationId);
      results.push({ applicationId, ok: true, ...(after ? { status: after.status as ApplicationStatus } : {}) });
    } catch (err) {
      if (err instanceof AppError) {
        results.push({ applicationId, ok: false, error: { code: err.code, message: err.message } });
      } else {
        // An unexpected failure of one item must not hide what happened to the others.
        log.error({ err, applicationId, action: input.action }, 'bulk action item failed');
        results.push({ applicationId, ok: false, error: { code: 'internal', message: '处理失败，请稍后重试' } });
      }
    }
  }
  return results;
}
