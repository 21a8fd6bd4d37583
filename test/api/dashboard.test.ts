import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { FUNNEL_STAGES, type ApplicationFilter } from '../../src/domain/schemas/dashboard.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { act, completeApplication, expectError, PLEDGE } from '../helpers/applications.js';
import {
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';

/** The query string of GET /api/applications for a dashboard filter (status comma-separated). */
function query(f: ApplicationFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  p.set('pageSize', '100');
  return p.toString();
}

/** The ids GET /api/applications lists for a filter. */
async function listed(c: Client, f: ApplicationFilter): Promise<string[]> {
  const res = await c.get(`/api/applications?${query(f)}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().total).toBe(res.json().items.length);
  return res.json().items.map((i: { id: string }) => i.id);
}

/** An application in a status with the facets a submission would have given it. */
async function app(
  db: Db,
  batchId: string,
  status: ApplicationStatus,
  opts: { city?: string; nature?: string; fields?: string[]; spaceName?: string } = {},
) {
  const unit = (await buildApplicant(db, { cityOrgId: opts.city ?? NANJING })).unit;
  const a = await buildApplication(db, { batchId, unit, status, spaceName: opts.spaceName });
  await db
    .updateTable('applications')
    .set({
      operator_nature: status === 'draft' ? null : (opts.nature ?? 'enterprise'),
      main_fields: status === 'draft' ? null : JSON.stringify(opts.fields ?? ['新材料']),
    })
    .where('id', '=', a.id)
    .execute();
  return { ...a, unit };
}

describeEachDb('dashboards and the public list of filed spaces', (env) => {
  it('counts each role’s applications by status within its scope; every count lists exactly those applications', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const nj = [
      await app(db, batch.id, 'draft'),
      await app(db, batch.id, 'submitted', { fields: ['新材料', '生物医药'] }),
      await app(db, batch.id, 'recommended', { nature: 'university', fields: ['生物医药'] }),
      await app(db, batch.id, 'accepted', { fields: ['互联网_平台%'] }),
      await app(db, batch.id, 'filed', { nature: 'public_institution', fields: ['新材料'] }),
      await app(db, batch.id, 'withdrawn'),
    ];
    const sz = [
      await app(db, batch.id, 'submitted', { city: SUZHOU, fields: ['纳米技术'] }),
      await app(db, batch.id, 'province_recommended', { city: SUZHOU, fields: ['新材料'] }),
      await app(db, batch.id, 'cancelled', { city: SUZHOU, nature: 'other', fields: ['互联网'] }),
    ];
    // Another batch does not count when a batch is chosen.
    const other = await buildBatch(db);
    await app(db, other.id, 'submitted');

    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const res = await officer.get(`/api/dashboard?batchId=${batch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.total.count).toBe(9);
    const byStatus = Object.fromEntries(d.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
    expect(byStatus).toEqual({
      draft: 1,
      submitted: 2,
      withdrawn: 1,
      recommended: 1,
      accepted: 1,
      province_recommended: 1,
      filed: 1,
      cancelled: 1,
    });
    expect(d.byStatus[0]).toMatchObject({
      status: 'draft',
      label: '草稿',
      filter: { batchId: batch.id, status: ['draft'] },
    });

    // Province: the funnel by city (13 cities of Jiangsu, zeros included).
    const p = d.province;
    expect(p).toMatchObject({ provinceId: 'prov-320000', provinceName: '江苏省' });
    expect(p.funnel.stages.map((s: { key: string }) => s.key)).toEqual(FUNNEL_STAGES.map((s) => s.key));
    expect(p.funnel.rows).toHaveLength(13);
    const row = (city: string) =>
      Object.fromEntries(
        p.funnel.rows
          .find((r: { cityId: string }) => r.cityId === city)
          .stages.map((s: { key: string; count: number }) => [s.key, s.count]),
      );
    expect(p.funnel.rows[0].cityName).toBe('南京市');
    expect(row(NANJING)).toEqual({
      submitted: 4,
      recommended: 3,
      dispatched: 2,
      accepted: 2,
      province_recommended: 1,
      filed: 1,
    });
    expect(row(SUZHOU)).toEqual({
      submitted: 3,
      recommended: 1,
      dispatched: 1,
      accepted: 1,
      province_recommended: 1,
      filed: 0,
    });
    const totals = Object.fromEntries(p.funnel.totals.map((s: { key: string; count: number }) => [s.key, s.count]));
    expect(totals).toMatchObject({ submitted: 7, recommended: 4, filed: 1 });

    // Distributions of the submitted applications: main fields (one per field named), operator nature, city.
    const fields = Object.fromEntries(p.byMainField.map((f: { field: string; count: number }) => [f.field, f.count]));
    expect(fields).toEqual({ 新材料: 3, 生物医药: 2, '互联网_平台%': 1, 纳米技术: 1, 互联网: 1 });
    expect(p.byMainField[0].field).toBe('新材料');
    const natures = Object.fromEntries(
      p.byOperatorNature.map((n: { nature: string; label: string; count: number }) => [n.label, n.count]),
    );
    expect(natures).toEqual({ 事业单位: 1, 企业: 4, 高校: 1, 其它社会组织: 1 });
    const byCity = Object.fromEntries(p.byCity.map((c: { cityName: string; count: number }) => [c.cityName, c.count]));
    expect(byCity).toMatchObject({ 南京市: 4, 苏州市: 3, 无锡市: 0 });

    // Every number links: the list with the filter returned holds exactly that many.
    const counts: { count: number; filter: ApplicationFilter }[] = [
      d.total,
      ...d.byStatus,
      ...p.funnel.rows.flatMap((r: { stages: unknown[] }) => r.stages),
      ...p.funnel.totals,
      ...p.byMainField,
      ...p.byOperatorNature,
      ...p.byCity,
    ];
    for (const c of counts) expect((await listed(officer, c.filter)).length, JSON.stringify(c.filter)).toBe(c.count);
    // The LIKE wildcards in a field name are taken literally: "互联网" is not "互联网_平台%".
    expect(await listed(officer, { batchId: batch.id, mainField: '互联网' })).toEqual([sz[2]!.id]);
    expect(await listed(officer, { batchId: batch.id, mainField: '互联网_平台%' })).toEqual([nj[3]!.id]);

    // A city reviewer: its city only, no province section, its pending registrations.
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const rd = (await reviewer.get(`/api/dashboard?batchId=${batch.id}`)).json();
    expect(rd.total.count).toBe(nj.length);
    expect(rd.province).toBeUndefined();
    expect(rd.pendingRegistrations).toBe(0);
    for (const c of [rd.total, ...rd.byStatus]) expect((await listed(reviewer, c.filter)).length).toBe(c.count);
    const szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
    expect((await szReviewer.get(`/api/dashboard?batchId=${batch.id}`)).json().total.count).toBe(sz.length);

    // An applicant: its own application only.
    const applicant = await env().login(
      (await buildUser(db, { roles: ['applicant'], orgId: nj[1]!.unit.id })).username,
    );
    const ad = (await applicant.get('/api/dashboard')).json();
    expect(ad).toMatchObject({ batchId: null, total: { count: 1 } });
    expect(ad.byStatus).toEqual([
      { status: 'submitted', label: '已提交待审核', count: 1, filter: { status: ['submitted'] } },
    ]);

    // The Ministry sees all provinces; given a province, that province's sections, with the province in the links.
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    const md = (await ministry.get(`/api/dashboard?batchId=${batch.id}`)).json();
    expect(md.total.count).toBe(9);
    expect(md.province).toBeUndefined();
    expect(md.dispatchesToReceive).toBe(0);
    const mp = (await ministry.get(`/api/dashboard?batchId=${batch.id}&provinceId=prov-320000`)).json().province;
    expect(mp.funnel.totals[0].filter).toMatchObject({ provinceId: 'prov-320000' });
    expect((await listed(ministry, mp.byMainField[0].filter)).length).toBe(mp.byMainField[0].count);

    // An expert: the assigned applications and the assignments.
    const expertUser = await buildUser(db, { roles: ['expert'], orgId: 'js-centre' });
    await officer.post('/api/expert-assignments', { applicationId: nj[3]!.id, expertId: expertUser.id });
    const expert = await env().login(expertUser.username);
    const ed = (await expert.get(`/api/dashboard?batchId=${batch.id}`)).json();
    expect(ed).toMatchObject({ total: { count: 1 }, assignments: { assigned: 1, submitted: 0, withdrawn: 0 } });
    expect(ed.byStatus.map((s: { status: string }) => s.status)).toEqual(['accepted']);

    // The administrators do not work on applications.
    const admin = await env().login((await buildAdmin(db, 'security_admin')).username);
    expectError(await admin.get('/api/dashboard'), 403, 'forbidden');
  });

  it('a submission records its operator nature and main fields from the snapshot', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const { id } = await completeApplication(c, batch.id, a.unit);
    expect((await act(c, id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    const row = await db
      .selectFrom('applications')
      .select(['operator_nature', 'main_fields'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      operator_nature: 'enterprise',
      main_fields: JSON.stringify(['集成电路设计', '半导体封装测试', 'EDA工具']),
    });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const d = (await officer.get(`/api/dashboard?batchId=${batch.id}`)).json();
    expect(d.province.byMainField.map((f: { field: string }) => f.field).sort()).toEqual(
      ['EDA工具', '半导体封装测试', '集成电路设计'].sort(),
    );
    expect(await listed(officer, d.province.byMainField[0].filter)).toEqual([id]);
  });

  it('the public list shows filed spaces only — name, operator, fields, where and when — without login, by province and paged', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { name: `公开名单测试批次${randomUUID().slice(0, 4)}` });
    const filed = [];
    for (const [city, name] of [
      [SUZHOU, '苏州纳米新材料专业化众创空间'],
      [NANJING, '南京集成电路专业化众创空间'],
      [NANJING, '南京生物医药专业化众创空间'],
    ] as const)
      filed.push(await app(db, batch.id, 'filed', { city, spaceName: name, fields: ['新材料', '纳米技术'] }));
    for (const status of ['dispatched_to_ministry', 'not_filed', 'cancelled', 'submitted'] as const)
      await app(db, batch.id, status, { spaceName: `未备案${status}专业化众创空间` });
    // Filed through the Ministry's action: the day it was filed is the event's.
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    const viaAction = await app(db, batch.id, 'dispatched_to_ministry', { spaceName: '南京智能制造专业化众创空间' });
    expect((await act(ministry, viaAction.id, 'file')).statusCode).toBe(200);

    const anon = env().anonymous();
    // Filed is not yet public: the Ministry publishes the batch's list in one act (issue 14).
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}`)).json().total).toBe(0);
    const published = await ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕18号',
      publishedOn: '2026-06-02',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publication).toMatchObject({ count: 4 });
    const res = await anon.get(`/api/public/filed?batchId=${batch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(body.provinces).toEqual([{ provinceId: 'prov-320000', provinceName: '江苏省', count: 4 }]);
    // Ordered by city in official order (南京 before 苏州), then by name (in the database's collation).
    const names: string[] = body.items.map((i: { spaceName: string }) => i.spaceName);
    expect(names.slice(0, 3).sort()).toEqual(
      ['南京生物医药专业化众创空间', '南京智能制造专业化众创空间', '南京集成电路专业化众创空间'].sort(),
    );
    expect(names[3]).toBe('苏州纳米新材料专业化众创空间');
    const item = body.items.find((i: { spaceName: string }) => i.spaceName === '苏州纳米新材料专业化众创空间');
    expect(Object.keys(item).sort()).toEqual(
      [
        'spaceName',
        'operatorName',
        'mainFields',
        'provinceId',
        'provinceName',
        'cityName',
        'batchName',
        'year',
        'filedOn',
      ].sort(),
    );
    expect(item).toMatchObject({
      mainFields: ['新材料', '纳米技术'],
      provinceName: '江苏省',
      cityName: '苏州市',
      year: 2026,
    });
    expect(item.operatorName).toMatch(/测试科技有限公司/);
    expect(body.items.find((i: { spaceName: string }) => i.spaceName === '南京智能制造专业化众创空间').filedOn).toBe(
      '2026-06-01',
    );
    // Nothing else leaks: no ids, numbers, USCCs, people or the applications not filed.
    for (const f of filed) {
      expect(res.body).not.toContain(f.id);
      expect(res.body).not.toContain(f.unit.uscc);
      expect(res.body).not.toContain(f.unit.id);
    }
    expect(res.body).not.toContain('未备案');

    // Paged, filtered by province and searched.
    const p2 = (await anon.get(`/api/public/filed?batchId=${batch.id}&pageSize=3&page=2`)).json();
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.items).toHaveLength(1);
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}&provinceId=prov-330000`)).json()).toMatchObject({
      total: 0,
      items: [],
    });
    const searched = (await anon.get(`/api/public/filed?batchId=${batch.id}&q=${encodeURIComponent('纳米')}`)).json();
    expect(searched.items.map((i: { spaceName: string }) => i.spaceName)).toEqual(['苏州纳米新材料专业化众创空间']);
    expectError(await anon.get('/api/public/filed?pageSize=1000'), 422, 'validation_failed');
    // Sorted on the server: by city, the other way round (苏州 first); by name, against the default.
    const byCity = (await anon.get(`/api/public/filed?batchId=${batch.id}&sort=city&order=desc`)).json();
    expect(byCity.items[0].spaceName).toBe('苏州纳米新材料专业化众创空间');
    expect(byCity.total).toBe(4);
    const byName = (
      await anon.get(`/api/public/filed?batchId=${batch.id}&sort=spaceName&order=desc&pageSize=2&page=2`)
    ).json();
    const allByName = (await anon.get(`/api/public/filed?batchId=${batch.id}&sort=spaceName&order=desc`)).json();
    expect(byName).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(byName.items.map((i: { spaceName: string }) => i.spaceName)).toEqual(
      allByName.items.slice(2).map((i: { spaceName: string }) => i.spaceName),
    );
    for (const q of ['page=0', 'page=x', 'sort=uscc', 'order=up']) {
      const bad = await anon.get(`/api/public/filed?${q}`);
      expect(bad.statusCode, q).toBe(422);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
