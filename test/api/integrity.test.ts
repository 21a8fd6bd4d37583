import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb } from '../helpers/env.js';
import { readSheet } from '../helpers/xlsx.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUnit,
  buildUser,
  MINISTRY_ID,
} from '../factories.js';
import { act, expectError, submitted } from '../helpers/applications.js';

const START = '2026-06-01T02:00:00.000Z';

async function insertCredit(
  db: Db,
  r: {
    uscc: string;
    unitName: string;
    provinceId: string;
    reason?: string;
    validFrom?: string;
    validTo?: string | null;
  },
) {
  const id = randomUUID();
  await db
    .insertInto('credit_records')
    .values({
      id,
      uscc: r.uscc,
      unit_name: r.unitName,
      unit_id: null,
      application_id: null,
      reason: r.reason ?? '提供虚假申报材料',
      source: '测试数据',
      recorded_by_org_id: r.provinceId === 'prov-320000' ? 'js-dept' : MINISTRY_ID,
      province_id: r.provinceId,
      valid_from: r.validFrom ?? '2026-05-01T00:00:00.000Z',
      valid_to: r.validTo ?? null,
      created_by: 'test',
      created_at: r.validFrom ?? '2026-05-01T00:00:00.000Z',
    })
    .execute();
  return id;
}

describeEachDb('integrity: conflicts of interest and credit records', (env) => {
  afterEach(() => env().clock.set(START));

  it('reviewers declare, list and withdraw their own conflicts of interest; audited', async () => {
    const db = env().db;
    const unit = await buildUnit(db, { name: '回避测试科技有限公司' });
    const unit2 = await buildUnit(db);
    const reviewerUser = await buildCityReviewer(db);
    const reviewer = await env().login(reviewerUser.username);
    const byId = await reviewer.post('/api/conflicts', { unitId: unit.id, reason: '曾在该单位任职' });
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json().conflict).toMatchObject({
      unitId: unit.id,
      unitName: '回避测试科技有限公司',
      uscc: unit.uscc,
      reason: '曾在该单位任职',
      declaredAt: START,
    });
    const byUscc = await reviewer.post('/api/conflicts', { uscc: unit2.uscc.toLowerCase(), reason: '近亲属持股' });
    expect(byUscc.statusCode, byUscc.body).toBe(201);
    expect(byUscc.json().conflict.unitId).toBe(unit2.id);

    expectError(await reviewer.post('/api/conflicts', { unitId: unit.id, reason: '重复申报' }), 409, 'conflict');
    expectError(await reviewer.post('/api/conflicts', { reason: '没有单位' }), 422, 'validation_failed');
    expectError(
      await reviewer.post('/api/conflicts', { uscc: '91320100MA1N2B3C41', reason: '校验位错' }),
      422,
      'validation_failed',
    );
    expectError(
      await reviewer.post('/api/conflicts', { unitId: randomUUID(), reason: '不存在' }),
      422,
      'validation_failed',
    );

    const applicant = await env().login((await buildApplicant(db)).username);
    expectError(await applicant.post('/api/conflicts', { unitId: unit.id, reason: '申报单位' }), 403, 'forbidden');
    expectError(await applicant.get('/api/conflicts'), 403, 'forbidden');

    // Each sees only its own declarations and cannot withdraw another's.
    const expert = await env().login((await buildUser(db, { roles: ['expert'], orgId: 'js-dept' })).username);
    expect((await expert.post('/api/conflicts', { unitId: unit.id, reason: '合作项目' })).statusCode).toBe(201);
    const mine = (await reviewer.get('/api/conflicts')).json().items;
    expect(mine.map((c: { unitId: string }) => c.unitId).sort()).toEqual([unit.id, unit2.id].sort());
    expectError(await expert.delete(`/api/conflicts/${byId.json().conflict.id}`), 404, 'not_found');
    expect(await db.selectFrom('conflicts').select('id').where('user_id', '=', reviewerUser.id).execute()).toHaveLength(
      2,
    );

    expect((await reviewer.delete(`/api/conflicts/${byId.json().conflict.id}`)).statusCode).toBe(200);
    expect((await reviewer.get('/api/conflicts')).json().items.map((c: { unitId: string }) => c.unitId)).toEqual([
      unit2.id,
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', byId.json().conflict.id)
      .where('outcome', '=', 'success')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'conflict.declare', actor_id: reviewerUser.id },
      { action: 'conflict.withdraw', actor_id: reviewerUser.id },
    ]);
  });

  it('lists credit records by province (province officer) or all (Ministry), active or all, searchable', async () => {
    const db = env().db;
    const tag = randomUUID().slice(0, 8);
    const js = await insertCredit(db, {
      uscc: '91320100MA1N2B3C40',
      unitName: `江苏失信${tag}`,
      provinceId: 'prov-320000',
    });
    const zj = await insertCredit(db, {
      uscc: '91330100MA2AAAAA0X',
      unitName: `浙江失信${tag}`,
      provinceId: 'prov-330000',
    });
    const ended = await insertCredit(db, {
      uscc: '91320500MA1P7Q8R6U',
      unitName: `已终止${tag}`,
      provinceId: 'prov-320000',
      validTo: '2026-05-20T00:00:00.000Z',
    });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    const ids = (res: { json(): { items: { id: string }[] } }) =>
      res
        .json()
        .items.map((i) => i.id)
        .sort();

    expect(ids(await officer.get(`/api/credit-records?q=${tag}`))).toEqual([js]);
    expect(ids(await officer.get(`/api/credit-records?status=all&q=${tag}`))).toEqual([js, ended].sort());
    expect(ids(await ministry.get(`/api/credit-records?q=${tag}`))).toEqual([js, zj].sort());
    expect(ids(await ministry.get(`/api/credit-records?status=all&q=${tag}`))).toEqual([js, zj, ended].sort());
    expect(ids(await officer.get(`/api/credit-records?status=all&q=91320500MA1P7Q8R6U`))).toContain(ended);
    const one = (await officer.get(`/api/credit-records?status=all&q=${tag}`))
      .json()
      .items.find((i: { id: string }) => i.id === ended);
    expect(one).toMatchObject({ active: false, validTo: '2026-05-20T00:00:00.000Z', unitName: `已终止${tag}` });

    for (const user of [await buildCityReviewer(db), await buildAcceptanceClerk(db), await buildApplicant(db)]) {
      expectError(await (await env().login(user.username)).get('/api/credit-records'), 403, 'forbidden');
    }
  });

  it('exports credit records as CSV with a BOM and Chinese headers, and as JSON', async () => {
    const db = env().db;
    const tag = randomUUID().slice(0, 8);
    await insertCredit(db, {
      uscc: '91320100MA1N2B3C40',
      unitName: `导出测试,"引号"${tag}`,
      provinceId: 'prov-320000',
      reason: '=HYPERLINK("x") 伪造材料',
      validFrom: '2026-05-10T20:00:00.000Z',
    });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const csv = await officer.get(`/api/credit-records/export?format=csv&q=${tag}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('统一社会信用代码,单位名称,失信原因,来源,记录单位,起始日期,终止日期');
    // Dates are Asia/Shanghai days; quotes doubled; a formula is neutralised.
    expect(lines[1]).toBe(
      `91320100MA1N2B3C40,"导出测试,""引号""${tag}","'=HYPERLINK(""x"") 伪造材料",测试数据,江苏省科学技术厅高新技术处,2026-05-11,`,
    );

    const json = await officer.get(`/api/credit-records/export?format=json&q=${tag}`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({
      count: 1,
      items: [
        { uscc: '91320100MA1N2B3C40', validFrom: '2026-05-11', validTo: '', recordedBy: '江苏省科学技术厅高新技术处' },
      ],
    });
    // As Excel: a title row, the same headings, the formula kept as text; the download is audited.
    const xlsx = await officer.get(`/api/credit-records/export?format=xlsx&q=${tag}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('不良科技信用记录'));
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet.rows[0]![0]).toBe('不良科技信用记录');
    expect(sheet.rows[2]).toEqual(lines[0]!.split(','));
    expect(sheet.rows[3]!.slice(0, 3)).toEqual([
      '91320100MA1N2B3C40',
      `导出测试,"引号"${tag}`,
      `'=HYPERLINK("x") 伪造材料`,
    ]);
    const audited = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'export.credit_records')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.summary)).toMatchObject({ format: 'xlsx', count: 1 });
    expectError(
      await (await env().login((await buildCityReviewer(db)).username)).get('/api/credit-records/export'),
      403,
      'forbidden',
    );
  });

  it('ends a credit record (recording province or Ministry), after which the unit may apply again', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
    const ministryUser = await buildMinistryOfficer(db);
    const ministry = await env().login(ministryUser.username);
    expect((await act(ministry, sub.id, 'cancel_for_dishonesty', { comment: '经查申报数据失实' })).statusCode).toBe(
      200,
    );
    const record = await db
      .selectFrom('credit_records')
      .selectAll()
      .where('application_id', '=', sub.id)
      .executeTakeFirstOrThrow();
    // The Ministry's cancellation belongs to the unit's province, so the province lists it.
    expect(record).toMatchObject({ province_id: 'prov-320000', recorded_by_org_id: MINISTRY_ID });
    const officerUser = await buildProvinceOfficer(db);
    const officer = await env().login(officerUser.username);
    const listed = (await officer.get(`/api/credit-records?q=${a.unit.uscc}`)).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: record.id,
      active: true,
      applicationNumber: sub.number,
      recordedByOrgName: '科学技术部成果与区域司',
    });

    const other = await buildBatch(db);
    expectError(await c.post('/api/applications', { batchId: other.id }), 403, 'forbidden');

    const zjOfficer = await env().login(
      (await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' })).username,
    );
    const url = `/api/credit-records/${record.id}/actions/end`;
    expectError(await zjOfficer.post(url, { validTo: '2026-06-01', reason: '信用修复' }), 404, 'not_found');
    expectError(await officer.post(url, { validTo: '2026-06-01' }), 422, 'validation_failed');
    expectError(await officer.post(url, { validTo: '2026-05-01', reason: '早于起始' }), 422, 'validation_failed');
    expectError(
      await (
        await env().login((await buildCityReviewer(db)).username)
      ).post(url, { validTo: '2026-06-01', reason: '越权' }),
      403,
      'forbidden',
    );
    const unchanged = await db
      .selectFrom('credit_records')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual(record);

    // Ended as of today (Asia/Shanghai), the day it started: it ends when it started, and is no longer active.
    const res = await officer.post(url, { validTo: '2026-06-01', reason: '完成信用修复' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().record).toMatchObject({
      active: false,
      validTo: START,
      endReason: '完成信用修复',
      endedAt: START,
    });
    expectError(await officer.post(url, { validTo: '2026-06-01', reason: '再次终止' }), 409, 'invalid_transition');
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'summary'])
      .where('target_id', '=', record.id)
      .where('outcome', '=', 'success')
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['credit_record.create', 'credit_record.end']);
    expect(audit[1]!.actor_id).toBe(officerUser.id);
    expect(JSON.parse(audit[1]!.summary).reason).toBe('完成信用修复');

    expect((await c.post('/api/applications', { batchId: other.id })).statusCode).toBe(201);
  });
});
