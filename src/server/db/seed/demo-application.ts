import { randomUUID } from 'node:crypto';
import { cloneExampleContent } from '../../../domain/example-content.js';
import type { Db } from '../database.js';
import { DEMO_UNITS } from './demo.js';
import { writeSections } from '../../repositories/sections.js';

/** The id of the 第四批 demo batch (seed/demo-batch.ts DEMO_BATCH_ID). */
const DEMO_BATCH = 'batch-2020-4';

/**
 * A draft application of 南京's demo unit (nj-applicant) in the demo batch, filled with the shared
 * example content so that it can be submitted as it is (after signing the pledge). Does nothing when
 * the demo batch or unit is missing, or when the unit has an application in the batch already.
 */
export async function seedDemoApplication(db: Db, now: Date, batchId = DEMO_BATCH): Promise<void> {
  const unitSeed = DEMO_UNITS[0]!;
  const [batch, unit, user, existing] = await Promise.all([
    db.selectFrom('batches').select('id').where('id', '=', batchId).executeTakeFirst(),
    db.selectFrom('orgs').selectAll().where('id', '=', unitSeed.id).executeTakeFirst(),
    db.selectFrom('users').select('id').where('username', '=', 'nj-applicant').executeTakeFirst(),
    db
      .selectFrom('applications')
      .select('id')
      .where('batch_id', '=', batchId)
      .where('unit_id', '=', unitSeed.id)
      .executeTakeFirst(),
  ]);
  if (!batch || !unit?.uscc || !unit.city_id || !unit.province_id || !user || existing) return;
  const content = cloneExampleContent();
  content.basicInfo.operatorName = unit.name;
  content.basicInfo.operatorUscc = unit.uscc;
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('applications')
      .values({
        id,
        batch_id: batchId,
        unit_id: unit.id,
        city_id: unit.city_id!,
        province_id: unit.province_id!,
        status: 'draft',
        version: 1,
        number: null,
        space_name: content.basicInfo.spaceName,
        uscc: unit.uscc!,
        current_snapshot_id: null,
        submitted_at: null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeSections(trx, id, content);
    await trx
      .insertInto('application_events')
      .values({
        id: randomUUID(),
        application_id: id,
        action: 'create',
        from_status: null,
        to_status: 'draft',
        actor_id: user.id,
        actor_org_id: unit.id,
        actor_role: 'applicant',
        comment: null,
        at,
        seq: 1,
      })
      .execute();
  });
}
