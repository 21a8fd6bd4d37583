import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/database.js';
import { personName, type Rng } from './names.js';
import type { DispatchGroup } from './seedApplications.js';
import type { Staff } from './seedOrgs.js';
import { insertMany, type Row } from './seedRows.js';

/**
 * Writes the dispatches the seeded timelines imply, all received: each city's to its province's
 * acceptance centre, each province's to the Ministry.
 */
export async function seedDispatches(
  db: Db,
  opts: {
    now: Date;
    r: Rng;
    staff: Staff;
    groups: Iterable<DispatchGroup>;
    count: (table: string, n: number) => void;
  },
): Promise<void> {
  const { r, staff, count } = opts;
  const at = opts.now.toISOString();
  const dispatches: Row<'dispatches'>[] = [];
  const items: Row<'dispatch_items'>[] = [];
  for (const g of opts.groups) {
    const id = randomUUID();
    const fromCity = g.level === 'city';
    const sender = fromCity ? staff.approver.get(g.fromOrg)!.id : staff.officer.get(g.provinceId)!.id;
    const receiver = fromCity ? staff.clerk.get(g.provinceId)!.id : staff.ministry.id;
    dispatches.push({
      id,
      batch_id: g.batch,
      level: g.level,
      from_org_id: g.fromOrg,
      province_id: g.provinceId,
      status: 'received',
      supplementary: 0,
      letter: `现将我单位推荐的${g.apps.length}家专业化众创空间备案申报材料报送贵单位，请予审核。`,
      created_by: sender,
      created_at: at,
      sent_by: sender,
      sent_at: at,
      pledge_signer_name: personName(r),
      received_by: receiver,
      received_at: at,
      updated_at: at,
      version: 3,
    });
    g.apps.forEach((appId, k) => items.push({ dispatch_id: id, application_id: appId, rank: k + 1 }));
  }
  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'dispatches', dispatches);
    await insertMany(trx, 'dispatch_items', items);
  });
  count('dispatches', dispatches.length);
  count('dispatch_items', items.length);
}
