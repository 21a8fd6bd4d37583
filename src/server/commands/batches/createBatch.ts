import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { CreateBatchRequest } from '../../../domain/schemas/batches.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanManageBatches, assertCanSetDeadline, cascadeProblem } from '../../policies/batches.js';
import { findBatchByName, insertBatch } from '../../repositories/batches.js';
import { insertDeadline } from '../../repositories/deadlines.js';
import { resolveScope } from './cascade.js';

const invalid = (path: string, message: string) => new AppError('validation_failed', message, [{ path, message }]);

/**
 * The system administrator opens a batch, optionally with the national province → Ministry deadline
 * and city → province deadlines per province; the deadlines obey the cascade from the start.
 */
export async function createBatch(opts: { db: Db; ctx: RequestContext & { actor: Actor }; input: CreateBatchRequest }) {
  const { db, ctx, input } = opts;
  const actor = ctx.actor;
  assertCanManageBatches(actor);
  if (await findBatchByName(db, input.name))
    throw new AppError('conflict', '已有同名批次', [{ path: 'name', message: '已有同名批次' }]);

  const province = input.provinceDeadline ? new Date(input.provinceDeadline) : null;
  if (province) {
    assertCanSetDeadline(actor, 'province', null);
    if (province <= ctx.now) throw invalid('provinceDeadline', '省科技厅报送科技部截止时间应晚于当前时间');
  }
  const seen = new Set<string>();
  for (const [i, c] of input.cityDeadlines.entries()) {
    await resolveScope(db, 'city', c.scopeOrgId, `cityDeadlines.${i}.scopeOrgId`);
    if (seen.has(c.scopeOrgId))
      throw invalid(`cityDeadlines.${i}.scopeOrgId`, '同一省份只能设置一个市科技局报送截止时间');
    seen.add(c.scopeOrgId);
    assertCanSetDeadline(actor, 'city', c.scopeOrgId);
    const due = new Date(c.dueAt);
    if (due <= ctx.now) throw invalid(`cityDeadlines.${i}.dueAt`, '市科技局报送省科技厅截止时间应晚于当前时间');
    const problem = cascadeProblem('city', due, {
      upper: province ? { kind: 'province', at: province } : null,
      lowerLatest: null,
    });
    if (problem) throw invalid(`cityDeadlines.${i}.dueAt`, problem);
  }

  const id = randomUUID();
  const at = ctx.now.toISOString();
  const deadlines = [
    ...(province ? [{ kind: 'province' as const, scopeOrgId: null, dueAt: province.toISOString() }] : []),
    ...input.cityDeadlines.map((c) => ({ kind: 'city' as const, scopeOrgId: c.scopeOrgId, dueAt: c.dueAt })),
  ];
  await db.transaction().execute(async (trx) => {
    await insertBatch(trx, {
      id,
      name: input.name,
      year: input.year,
      notice_text: input.noticeText,
      notice_title: input.noticeTitle,
      notice_no: input.noticeNo,
      status: input.status,
      required_file_kinds: JSON.stringify(input.requiredFileKinds),
      recorded_dates: JSON.stringify(input.recordedDates),
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await appendAudit(trx, ctx, {
      action: 'batch.create',
      target: { type: 'batch', id },
      summary: { name: input.name, year: input.year, status: input.status },
    });
    for (const d of deadlines) {
      const deadlineId = randomUUID();
      await insertDeadline(trx, {
        id: deadlineId,
        batchId: id,
        ...d,
        setByOrgId: actor.orgId,
        setByUserId: actor.userId,
        now: ctx.now,
      });
      await appendAudit(trx, ctx, {
        action: 'deadline.set',
        target: { type: 'deadline', id: deadlineId },
        summary: { batchId: id, kind: d.kind, scopeOrgId: d.scopeOrgId, dueAt: d.dueAt },
      });
    }
  });
  return { id };
}
