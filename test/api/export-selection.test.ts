import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { readSheet } from '../helpers/xlsx.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  NANJING,
  SUZHOU,
} from '../factories.js';

async function app(db: Db, batchId: string, city = NANJING) {
  const unit = (await buildApplicant(db, { cityOrgId: city })).unit;
  const a = await buildApplication(db, { batchId, unit, status: 'submitted' });
  const row = await db.selectFrom('applications').select('number').where('id', '=', a.id).executeTakeFirstOrThrow();
  return { id: a.id, number: row.number! };
}

const exportsAudited = async (db: Db) =>
  (await db.selectFrom('audit_log').select('seq').where('action', '=', 'export.applications_xlsx').execute()).length;

/** The application numbers the exported 汇总表 lists, in its order. */
async function exported(c: Client, ids: string[], numbers: string[]): Promise<string[]> {
  const res = await c.get(`/api/exports/applications.xlsx?ids=${ids.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const { rows } = await readSheet(res.rawPayload);
  return rows.flatMap((r) => (r ?? []).filter((v): v is string => typeof v === 'string' && numbers.includes(v)));
}

describeEachDb('导出所选: the 汇总表 of the selected applications (ids)', (env) => {
  it('exports exactly the selection within reach; a selection reaching outside is refused as a whole, naming the ids', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2, a3] = [await app(db, batch.id), await app(db, batch.id), await app(db, batch.id)];
    const s1 = await app(db, batch.id, SUZHOU);
    const numbers = [a1, a2, a3, s1].map((a) => a.number);
    const nanjing = await env().login((await buildCityReviewer(db)).username);
    const province = await env().login((await buildProvinceOfficer(db)).username);
    const ministry = await env().login((await buildMinistryOfficer(db)).username);

    const before = await exportsAudited(db);
    // Only the selected rows, the same columns as the list's export.
    expect((await exported(nanjing, [a3.id, a1.id], numbers)).sort()).toEqual([a1.number, a3.number].sort());
    expect(await exportsAudited(db)).toBe(before + 1);
    const whole = await nanjing.get(`/api/exports/applications.xlsx?batchId=${batch.id}`);
    const header = (await readSheet(whole.rawPayload)).rows[1];
    const selectedHeader = (
      await readSheet((await nanjing.get(`/api/exports/applications.xlsx?ids=${a1.id}`)).rawPayload)
    ).rows[1];
    expect(header?.length).toBeGreaterThan(5);
    expect(selectedHeader).toEqual(header);

    // Suzhou's application is outside the Nanjing reviewer's reach, an unknown id likewise: nothing is exported.
    const audited = await exportsAudited(db);
    for (const ids of [
      [a1.id, s1.id],
      [a2.id, 'no-such-application'],
    ]) {
      const res = await nanjing.get(`/api/exports/applications.xlsx?ids=${ids.join(',')}`);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toEqual({
        code: 'forbidden',
        message: '所选申报中有 1 份不存在或不在您的管辖范围内，未导出',
        details: [{ path: 'ids', message: ids[1] }],
      });
    }
    expect(await exportsAudited(db)).toBe(audited);

    // The province and the Ministry reach both cities.
    expect((await exported(province, [a1.id, s1.id], numbers)).sort()).toEqual([a1.number, s1.number].sort());
    expect(await exported(ministry, [s1.id], numbers)).toEqual([s1.number]);

    // Bad selections get a Chinese message (422).
    for (const [q, message] of [
      ['ids=', '所选申报不正确'],
      [`ids=${a1.id},${a1.id}`, '所选申报有重复'],
      [`ids=${Array.from({ length: 201 }, (_, i) => `x${i}`).join(',')}`, '一次最多导出所选 200 份申报'],
    ]) {
      const res = await nanjing.get(`/api/exports/applications.xlsx?${q}`);
      expect(res.statusCode, res.body).toBe(422);
      expect(JSON.stringify(res.json().error)).toContain(message);
    }
  });
});
