import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { SimilarityRun } from '../../../domain/schemas/similarity.js';
import { appendAudit } from '../../audit/audit.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import type { SimilarityRunTable } from '../../db/schema.js';
import { authorizeSimilarityAdmin, canSeeSimilarityRun } from '../../policies/similarity.js';
import { findBatch } from '../../repositories/batches.js';
import { runTargets } from '../../similarity/runs.js';
import { kickSimilarityJob } from '../../similarity/scheduler.js';

export function presentRun(r: SimilarityRunTable): SimilarityRun {
  const total = Number(r.total);
  const done = Number(r.done);
  return {
    id: r.id,
    batchId: r.batch_id,
    status: r.status as SimilarityRun['status'],
    total,
    done,
    progress: total > 0 ? Math.min(1, done / total) : r.status === 'done' ? 1 : 0,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

/**
 * The province starts a full cross-check of a batch's applications in its province: the run is
 * recorded (audited) and executed by the 查重 job; its state and progress live in the database.
 * A run already queued or running for the batch and province is answered instead of a second one.
 */
export async function startSimilarityRun(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  batchId: string;
  clock: () => Date;
}): Promise<{ run: SimilarityRun; created: boolean }> {
  const { db, ctx } = opts;
  const { provinceId } = authorizeSimilarityAdmin(ctx.actor);
  if (!(await findBatch(db, opts.batchId))) throw new AppError('not_found', '批次不存在');
  const active = await db
    .selectFrom('similarity_runs')
    .selectAll()
    .where('batch_id', '=', opts.batchId)
    .where('province_id', '=', provinceId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (active) {
    // A run whose worker died is taken up (or marked failed) by the next pass: ask for one now.
    kickSimilarityJob(db, opts.clock);
    return { run: presentRun(active), created: false };
  }
  const total = (await runTargets(db, opts.batchId, provinceId)).length;
  const row: SimilarityRunTable = {
    id: randomUUID(),
    batch_id: opts.batchId,
    province_id: provinceId,
    status: 'queued',
    total,
    done: 0,
    error: null,
    created_by: ctx.actor.userId,
    created_at: ctx.now.toISOString(),
    started_at: null,
    finished_at: null,
    heartbeat_at: null,
    claim_id: null,
    attempts: 0,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('similarity_runs').values(row).execute();
    await appendAudit(trx, ctx, {
      action: 'similarity.run_start',
      target: { type: 'batch', id: opts.batchId },
      summary: { runId: row.id, total },
    });
  });
  kickSimilarityJob(db, opts.clock);
  return { run: presentRun(row), created: true };
}

/** A run, for the province that started it (or the Ministry); 404 otherwise. */
export async function getSimilarityRun(db: Executor, actor: Actor, id: string): Promise<SimilarityRun> {
  const row = await db.selectFrom('similarity_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSeeSimilarityRun(actor, row)) throw new AppError('not_found', '查重任务不存在');
  return presentRun(row);
}
