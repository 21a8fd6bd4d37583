import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApplicationFilter } from '../../src/domain/schemas/dashboard.js';
import type { MinistryCell, MinistryDashboard } from '../../src/domain/schemas/ministryDashboard.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { expectError } from '../helpers/applications.js';
import {
  buildAcceptanceClerk,
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  JS_DEPT_ID,
  JIANGSU,
  ZHEJIANG,
} from '../factories.js';

async function app(db: Db, batchId: string, status: ApplicationStatus, provinceId = JIANGSU) {
  const unit = (await buildApplicant(db)).unit;
  const a = await buildApplication(db, { batchId, unit, status });
  // The seeded cities are Jiangsu's: an application of another province is moved there by hand.
  if (provinceId !== JIANGSU)
    await db.updateTable('applications').set({ province_id: provinceId }).where('id', '=', a.id).execute();
  return a.id;
}

/** A province's list to the Ministry in a status, as the dispatch commands would leave it. */
async function provinceList(
  db: Db,
  batchId: string,
  provinceId: string,
  status: 'draft' | 'sent' | 'received',
  by: string,
) {
  const at = '2026-06-01T00:00:00.000Z';
  await db
    .insertInto('dispatches')
    .values({
      id: randomUUID(),
      batch_id: batchId,
      level: 'province',
      from_org_id: provinceId === JIANGSU ? JS_DEPT_ID : provinceId,
      province_id: provinceId,
      status,
      supplementary: 0,
      letter: '函',
      created_by: by,
      created_at: at,
      sent_by: status === 'draft' ? null : by,
      sent_at: status === 'draft' ? null : at,
      received_by: status === 'received' ? by : null,
      received_at: status === 'received' ? at : null,
      updated_at: at,
      version: 1,
    })
    .execute();
}

function query(f: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  p.set('pageSize', '100');
  return p.toString();
}

async function listed(c: Client, f: ApplicationFilter): Promise<string[]> {
  const res = await c.get(`/api/applications?${query(f)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .items.map((i: { id: string }) => i.id)
    .sort();
}

describeEachDb('the Ministry dashboard: progress by province', (env) => {
  it('counts lists and applications per province for a batch; every count lists exactly what it counts', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await buildMinistryOfficer(db);
    const ministry = await env().login(officer.username);

    const js = {
      pending: [await app(db, batch.id, 'dispatched_to_ministry'), await app(db, batch.id, 'dispatched_to_ministry')],
      filed: [await app(db, batch.id, 'filed'), await app(db, batch.id, 'filed')],
      notFiled: [await app(db, batch.id, 'not_filed')],
    };
    await app(db, batch.id, 'province_recommended'); // not yet at the Ministry
    const zjFiled = await app(db, batch.id, 'filed', ZHEJIANG);
    await provinceList(db, batch.id, JIANGSU, 'received', officer.id);
    await provinceList(db, batch.id, JIANGSU, 'sent', officer.id);
    await provinceList(db, batch.id, JIANGSU, 'draft', officer.id); // not the Ministry's
    await provinceList(db, batch.id, ZHEJIANG, 'sent', officer.id);
    // Publish the four decisions so far; one more filed afterwards stays unpublished.
    const pub = await ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕20号',
      publishedOn: '2026-06-02',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().publication.count).toBe(3); // the filed ones; both decisions are published
    const jsPublished = [...js.filed, ...js.notFiled];
    js.filed.push(await app(db, batch.id, 'filed'));
    // Another batch does not count when a batch is chosen.
    const other = await buildBatch(db);
    await app(db, other.id, 'filed');
    await provinceList(db, other.id, JIANGSU, 'received', officer.id);

    const res = await ministry.get(`/api/dashboard/ministry?batchId=${batch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as MinistryDashboard;
    expect(d.batchId).toBe(batch.id);
    expect(d.stages.map((s) => s.key)).toEqual([
      'listsToReceive',
      'listsReceived',
      'received',
      'pending',
      'filed',
      'notFiled',
      'published',
    ]);
    expect(d.rows.length).toBeGreaterThanOrEqual(31);
    const counts = (cells: MinistryCell[]) => Object.fromEntries(cells.map((c) => [c.key, c.count]));
    const row = (id: string) => d.rows.find((r) => r.provinceId === id)!;
    expect(row(JIANGSU).provinceName).toBe('江苏省');
    expect(counts(row(JIANGSU).cells)).toEqual({
      listsToReceive: 1,
      listsReceived: 1,
      received: 6,
      pending: 2,
      filed: 3,
      notFiled: 1,
      published: 3,
    });
    expect(counts(row(ZHEJIANG).cells)).toEqual({
      listsToReceive: 1,
      listsReceived: 0,
      received: 1,
      pending: 0,
      filed: 1,
      notFiled: 0,
      published: 1,
    });
    expect(counts(row('prov-110000').cells)).toMatchObject({ received: 0, listsToReceive: 0 });
    expect(counts(d.totals)).toEqual({
      listsToReceive: 2,
      listsReceived: 1,
      received: 7,
      pending: 2,
      filed: 4,
      notFiled: 1,
      published: 4,
    });

    // Each application count opens the Ministry's queue showing exactly the applications counted.
    const cell = (cells: MinistryCell[], key: string) => cells.find((c) => c.key === key)!;
    const jsCell = (key: string) => cell(row(JIANGSU).cells, key);
    expect(jsCell('pending').applications).toEqual({
      batchId: batch.id,
      provinceId: JIANGSU,
      status: ['dispatched_to_ministry'],
    });
    expect(await listed(ministry, jsCell('pending').applications!)).toEqual([...js.pending].sort());
    expect(await listed(ministry, jsCell('filed').applications!)).toEqual([...js.filed].sort());
    expect(await listed(ministry, jsCell('notFiled').applications!)).toEqual(js.notFiled);
    expect(await listed(ministry, jsCell('received').applications!)).toEqual(
      [...js.pending, ...js.filed, ...js.notFiled].sort(),
    );
    expect(await listed(ministry, cell(row(ZHEJIANG).cells, 'filed').applications!)).toEqual([zjFiled]);
    expect(await listed(ministry, cell(d.totals, 'filed').applications!)).toHaveLength(4);
    // Each list count opens the incoming lists filtered the same way.
    for (const [cells, key] of [
      [row(JIANGSU).cells, 'listsReceived'],
      [row(JIANGSU).cells, 'listsToReceive'],
      [row(ZHEJIANG).cells, 'listsToReceive'],
      [d.totals, 'listsToReceive'],
    ] as const) {
      const c = cell(cells, key);
      const list = await ministry.get(`/api/dispatches?${query(c.dispatches!)}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total).toBe(c.count);
    }
    // The published count opens the queue filtered to published decisions (not the publication page).
    expect(jsCell('published').applications).toEqual({
      batchId: batch.id,
      provinceId: JIANGSU,
      status: ['filed', 'not_filed', 'cancelled'],
      published: true,
    });
    expect(await listed(ministry, jsCell('published').applications!)).toEqual([...jsPublished].sort());
    expect(await listed(ministry, cell(d.totals, 'published').applications!)).toEqual([...jsPublished, zjFiled].sort());
    expectError(await ministry.get('/api/applications?published=yes'), 422, 'validation_failed');

    // Without a batch: every batch counts.
    const all = (await ministry.get('/api/dashboard/ministry')).json() as MinistryDashboard;
    expect(all.batchId).toBeNull();
    expect(counts(all.rows.find((r) => r.provinceId === JIANGSU)!.cells)).toMatchObject({
      listsReceived: 2,
      filed: 4,
    });
  });

  it('is the Ministry’s page only: every other role is refused (403)', async () => {
    const db = env().db;
    const users = [
      await buildProvinceOfficer(db),
      await buildAcceptanceClerk(db),
      await buildCityReviewer(db),
      await buildApplicant(db),
      await buildAdmin(db, 'system_admin'),
    ];
    for (const u of users) {
      const c = await env().login(u.username);
      const res = await c.get('/api/dashboard/ministry');
      expect(res.statusCode, u.username).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await env().anonymous().get('/api/dashboard/ministry')).statusCode).toBe(401);
  });
});
