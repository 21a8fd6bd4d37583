import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { assertCanCreateApplication } from '../../policies/applications.js';
import { findActiveCreditRecord } from '../../repositories/creditRecords.js';
import { inTime } from '../../../domain/deadline-rules.js';
import { effectiveDeadline } from '../../repositories/deadlines.js';
import { findOrg } from '../../repositories/orgs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { writeSections } from '../../repositories/sections.js';
import {
  findApplicationByBatchUnit,
  findBatchForApplication,
  insertApplication,
  insertEvent,
} from '../../repositories/applications.js';

const ONE_PER_BATCH = '本单位已在该批次创建过申报，每个单位每批次只能申报一次';

/**
 * An applicant unit opens its application in an open batch: one per unit per batch, not after the
 * applicant deadline, and not while the unit's USCC has an active credit record. The draft starts
 * with the operator's name and USCC taken from the registered unit.
 */
export async function createApplication(opts: { db: Db; ctx: RequestContext & { actor: Actor }; batchId: string }) {
  const { db, ctx } = opts;
  const actor = ctx.actor;
  assertCanCreateApplication(actor);
  const unit = await findOrg(db, actor.orgId);
  if (!unit || unit.kind !== 'applicant_unit' || !unit.uscc || !unit.city_id || !unit.province_id)
    throw new AppError('forbidden', '本账号所属单位不是已登记的申报单位，不能创建申报');
  const batch = await findBatchForApplication(db, opts.batchId);
  if (!batch)
    throw new AppError('validation_failed', '申报批次不存在', [{ path: 'batchId', message: '申报批次不存在' }]);
  if (batch.status !== 'open') throw new AppError('invalid_transition', `“${batch.name}”未开放申报`);
  const deadline = await effectiveDeadline(db, batch.id, 'applicant', {
    cityId: unit.city_id,
    provinceId: unit.province_id,
  });
  if (!inTime(deadline, ctx.now)) throw new AppError('deadline_passed', '本市申报截止时间已过，不能再创建申报');
  if (await findApplicationByBatchUnit(db, batch.id, unit.id)) throw new AppError('conflict', ONE_PER_BATCH);
  const credit = await findActiveCreditRecord(db, unit.uscc, ctx.now);
  if (credit)
    throw new AppError(
      'forbidden',
      `本单位（统一社会信用代码 ${unit.uscc}）存在有效的不良科技信用记录（${credit.reason}），记录有效期内不能申报`,
    );

  const id = randomUUID();
  const at = ctx.now.toISOString();
  const content = { basicInfo: { operatorName: unit.name, operatorUscc: unit.uscc } };
  try {
    await db.transaction().execute(async (trx) => {
      await insertApplication(trx, {
        id,
        batch_id: batch.id,
        unit_id: unit.id,
        city_id: unit.city_id!,
        province_id: unit.province_id!,
        status: 'draft',
        version: 1,
        number: null,
        space_name: null,
        uscc: unit.uscc!,
        current_snapshot_id: null,
        submitted_at: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      });
      await writeSections(trx, id, content);
      await insertEvent(trx, {
        id: randomUUID(),
        applicationId: id,
        action: 'create',
        from: null,
        to: 'draft',
        actorId: actor.userId,
        actorOrgId: actor.orgId,
        role: 'applicant',
        comment: null,
        at,
        seq: 1,
      });
      await appendAudit(trx, ctx, {
        action: 'application.create',
        role: 'applicant',
        target: { type: 'application', id },
        summary: { batchId: batch.id, unitId: unit.id },
      });
    });
  } catch (err) {
    // Two simultaneous requests: the unique index (batch, unit) lets one through.
    if (isUniqueViolation(err)) throw new AppError('conflict', ONE_PER_BATCH);
    throw err;
  }
  return { id };
}
