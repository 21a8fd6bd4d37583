import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import type { DispatchLevel } from '../../../domain/workflow.js';
import { dispatchSendEffect, statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import {
  applicationsInDraftDispatch,
  conflictedUnits,
  findApplicationsForDispatch,
} from '../../repositories/dispatches.js';

/**
 * Checks the applications chosen for a dispatch, all at once: each must exist in the actor's
 * city (city level) or province (province level), be in the status a dispatch of that level sends
 * (recommended / province_recommended), belong to the one batch, sit in no other draft dispatch
 * of the level, and not be of a unit the actor declared a conflict with. Throws 422 with
 * one detail per problem, naming the application; returns the batch.
 */
export async function chooseApplications(
  db: Executor,
  actor: Actor,
  opts: { level: DispatchLevel; ids: string[]; batchId?: string; exceptDispatchId?: string },
): Promise<{ batchId: string }> {
  const { level, ids } = opts;
  const rows = new Map((await findApplicationsForDispatch(db, ids)).map((r) => [r.id, r]));
  // A sent dispatch cannot hold an application still in the status it sends, except one that came back
  // for correction and was recommended again: exactly what a supplementary dispatch is for. So only
  // another draft takes an application.
  const inOther = await applicationsInDraftDispatch(db, ids, level, opts.exceptDispatchId);
  const conflicted = new Set(
    (
      await conflictedUnits(
        db,
        actor.userId,
        [...rows.values()].map((r) => r.unit_id),
      )
    ).map((u) => u.id),
  );
  const expected = dispatchSendEffect[level].from;
  const reaches = (r: { city_id: string; province_id: string }) =>
    level === 'city' ? r.city_id === actor.cityId : r.province_id === actor.provinceId;
  let batchId = opts.batchId;
  const details: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    const path = `applicationIds.${i}`;
    const r = rows.get(id);
    if (!r || !reaches(r)) {
      details.push({ path, message: `第 ${i + 1} 项申报不存在或不属于本${level === 'city' ? '市' : '省'}管辖` });
      return;
    }
    const name = `「${r.space_name ?? r.unit_name}」${r.number ? `（${r.number}）` : ''}`;
    batchId ??= r.batch_id;
    if (r.batch_id !== batchId)
      details.push({ path, message: `${name}不属于本报送批的批次，同一报送批只能包含同一批次的申报` });
    else if (r.status !== expected)
      details.push({
        path,
        message: `${name}当前状态为“${statusLabels[r.status as ApplicationStatus]}”，只有“${statusLabels[expected]}”的申报可以列入报送批`,
      });
    else if (inOther.has(id)) details.push({ path, message: `${name}已列入另一个尚未报送的报送批` });
    else if (conflicted.has(r.unit_id))
      details.push({ path, message: `您已声明与${r.unit_name}回避，不能将其申报${name}列入报送批` });
  });
  if (details.length > 0) throw new AppError('validation_failed', details[0]!.message, details);
  return { batchId: batchId! };
}
