import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  SUZHOU,
} from '../factories.js';
import {
  act,
  applicationState,
  completeContent,
  createApplication,
  expectError,
  PLEDGE,
  START,
  submittedInNewBatch,
} from '../helpers/applications.js';

// Reviewing and reading: city review actions, conflicts of interest, cancellation for dishonesty,
// who reads which applications, paging, and the snapshot reviewers see.
describeEachDb('applications', (env) => {
  afterEach(() => env().clock.set(START));

  it('return and decline need a comment and the city reviewer of the application’s city', async () => {
    const { db, client: c, app: sub } = await submittedInNewBatch(env);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
    const approver = await env().login((await buildCityApprover(db)).username);
    const before = await applicationState(db, sub.id);
    for (const action of ['return', 'decline']) {
      expectError(await act(reviewer, sub.id, action), 422, 'validation_failed');
      expectError(await act(reviewer, sub.id, action, { comment: '   ' }), 422, 'validation_failed');
      expectError(await act(szReviewer, sub.id, action, { comment: '不符合' }), 404, 'not_found');
      expectError(await act(approver, sub.id, action, { comment: '不符合' }), 403, 'forbidden');
      expectError(await act(c, sub.id, action, { comment: '不符合' }), 403, 'forbidden');
    }
    expect(await applicationState(db, sub.id)).toEqual(before);
    expect((await szReviewer.get(`/api/applications/${sub.id}`)).statusCode).toBe(404);

    const detail = (await reviewer.get(`/api/applications/${sub.id}`)).json();
    expect(detail.allowedActions).toEqual(['return', 'decline', 'recommend']);
    const returned = await act(reviewer, sub.id, 'return', { comment: '请补充成功案例的量化数据' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', allowedActions: [] });

    // The applicant sees the comment and the bureau, not the person.
    const seen = (await c.get(`/api/applications/${sub.id}`)).json();
    expect(seen.allowedActions).toEqual(['submit']);
    const last = seen.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'return',
      actionLabel: '退回修改',
      fromStatus: 'submitted',
      toStatus: 'returned',
      toStatusLabel: '退回修改',
      comment: '请补充成功案例的量化数据',
      actorOrgName: '南京市科学技术局',
      actorName: null,
    });
    // The bureau sees who it was.
    expect((await reviewer.get(`/api/applications/${sub.id}`)).json().timeline.at(-1).actorName).toMatch(/测试用户/);

    // A resubmission after the return, then a decline.
    const resub = await act(c, sub.id, 'submit', { pledge: PLEDGE });
    expect(resub.json()).toMatchObject({ status: 'submitted', snapshot: { seq: 2 } });
    const declined = await act(reviewer, sub.id, 'decline', { comment: '专业化程度不足' });
    expect(declined.json()).toMatchObject({ status: 'declined', statusLabel: '不予推荐', allowedActions: [] });
  });

  it('a reviewer who declared a conflict with the unit, or belongs to it, cannot act on its application', async () => {
    const { db, applicant: a, app: sub } = await submittedInNewBatch(env);
    const reviewerUser = await buildCityReviewer(db);
    const reviewer = await env().login(reviewerUser.username);
    const declared = await reviewer.post('/api/conflicts', { unitId: a.unit.id, reason: '亲属在该单位任职' });
    expect(declared.statusCode, declared.body).toBe(201);
    const detail = (await reviewer.get(`/api/applications/${sub.id}`)).json();
    expect(detail.allowedActions).toEqual([]);
    const before = await applicationState(db, sub.id);
    for (const action of ['recommend', 'return', 'decline']) {
      const res = await act(reviewer, sub.id, action, { comment: '意见' });
      expectError(res, 403, 'forbidden');
      expect(res.json().error.message).toContain('回避');
    }
    expect(await applicationState(db, sub.id)).toEqual(before);

    // Withdrawing the declaration gives the actions back.
    await reviewer.delete(`/api/conflicts/${declared.json().conflict.id}`);
    expect((await reviewer.get(`/api/applications/${sub.id}`)).json().allowedActions).toEqual([
      'return',
      'decline',
      'recommend',
    ]);

    // An expert account held in the applicant unit itself would never act as a reviewer either.
    const officerInUnit = await buildUser(db, { roles: ['expert'], orgId: a.unit.id });
    const expertClient = await env().login(officerInUnit.username);
    expect((await expertClient.get(`/api/applications/${sub.id}`)).statusCode).toBe(404);
  });

  it('cancel_for_dishonesty records the unit as dishonest; it cannot apply in another batch', async () => {
    const { db, applicant: a, client: c, app: sub } = await submittedInNewBatch(env);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect((await officer.get(`/api/applications/${sub.id}`)).json().allowedActions).toEqual(['cancel_for_dishonesty']);
    expectError(await act(officer, sub.id, 'cancel_for_dishonesty'), 422, 'validation_failed');
    const res = await act(officer, sub.id, 'cancel_for_dishonesty', { comment: '场地面积数据造假' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', statusLabel: '已取消资格', allowedActions: [] });
    const records = await db.selectFrom('credit_records').selectAll().where('uscc', '=', a.unit.uscc).execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      unit_id: a.unit.id,
      application_id: sub.id,
      reason: '场地面积数据造假',
      recorded_by_org_id: 'js-dept',
      province_id: 'prov-320000',
      valid_from: START,
      valid_to: null,
    });
    expect(records[0]!.source).toContain(sub.number);
    expect(records[0]!.source).toContain('江苏省科学技术厅高新技术处');
    const audit = await db.selectFrom('audit_log').select('action').where('target_id', '=', records[0]!.id).execute();
    expect(audit.map((r) => r.action)).toEqual(['credit_record.create']);

    const other = await buildBatch(db);
    const refused = await c.post('/api/applications', { batchId: other.id });
    expectError(refused, 403, 'forbidden');
    expect(await db.selectFrom('applications').select('id').where('batch_id', '=', other.id).execute()).toHaveLength(0);
  });

  it('scopes reading: the applicant its unit, city users their city, province and Ministry wider; administrators 403', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const nj = await buildApplicant(db);
    const nj2 = await buildApplicant(db);
    const sz = await buildApplicant(db, { cityOrgId: SUZHOU });
    const njApp = await createApplication(await env().login(nj.username), batch.id);
    const nj2App = await buildApplication(db, { batchId: batch.id, unit: nj2.unit, status: 'submitted' });
    const szApp = await buildApplication(db, { batchId: batch.id, unit: sz.unit, status: 'submitted' });
    const ids = (res: { json(): { items: { id: string }[] } }) =>
      res
        .json()
        .items.map((i) => i.id)
        .sort();
    const q = `/api/applications?batchId=${batch.id}`;

    const njClient = await env().login(nj.username);
    expect(ids(await njClient.get(q))).toEqual([njApp.id]);
    expect((await njClient.get(`/api/applications/${nj2App.id}`)).statusCode).toBe(404);
    expect((await njClient.get(`/api/applications/${szApp.id}`)).statusCode).toBe(404);

    const njReviewer = await env().login((await buildCityReviewer(db)).username);
    expect(ids(await njReviewer.get(q))).toEqual([njApp.id, nj2App.id].sort());
    expect((await njReviewer.get(`/api/applications/${szApp.id}`)).statusCode).toBe(404);
    const szApprover = await env().login((await buildCityApprover(db, SUZHOU)).username);
    expect(ids(await szApprover.get(q))).toEqual([szApp.id]);

    for (const user of [
      await buildAcceptanceClerk(db),
      await buildProvinceOfficer(db),
      await buildMinistryOfficer(db),
    ]) {
      const client = await env().login(user.username);
      expect(ids(await client.get(q))).toEqual([njApp.id, nj2App.id, szApp.id].sort());
    }
    const expert = await env().login((await buildUser(db, { roles: ['expert'], orgId: 'js-dept' })).username);
    expect((await expert.get(q)).json().items).toEqual([]);
    const admin = await env().login((await buildAdmin(db, 'system_admin')).username);
    expectError(await admin.get(q), 403, 'forbidden');
    expect((await admin.get(`/api/applications/${njApp.id}`)).statusCode).toBe(404);

    // Filters: status (one or several), city, text.
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect(ids(await officer.get(`${q}&status=draft`))).toEqual([njApp.id]);
    expect(ids(await officer.get(`${q}&status=draft&status=submitted`))).toEqual(
      [njApp.id, nj2App.id, szApp.id].sort(),
    );
    expect(ids(await officer.get(`${q}&status=draft,submitted&cityId=${SUZHOU}`))).toEqual([szApp.id]);
    expect(ids(await officer.get(`${q}&q=${encodeURIComponent(szApp.spaceName)}`))).toEqual([szApp.id]);
    expect(ids(await officer.get(`${q}&q=${sz.unit.uscc}`))).toEqual([szApp.id]);
    expect((await officer.get(`${q}&status=bogus`)).statusCode).toBe(422);
    const item = (await officer.get(`${q}&status=submitted&cityId=${SUZHOU}`)).json().items[0];
    expect(item).not.toHaveProperty('content');
    expect(item).toMatchObject({
      id: szApp.id,
      status: 'submitted',
      statusLabel: '已提交待审核',
      cityName: '苏州市科学技术局',
    });
  });

  it('pages the list with numbered pages, the total and a whitelisted sort', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const all: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await buildApplicant(db);
      all.push((await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' })).id);
    }
    // Same updated_at for all (factory) — the id breaks the tie.
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await officer.get(`/api/applications?batchId=${batch.id}&pageSize=3&page=${page}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ total: 7, page, pageSize: 3 });
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
    }
    expect(seen).toEqual([...all].sort().reverse());
    // Sorted by space name (the factory numbers them in creation order), either way.
    const names = async (order: string) =>
      (await officer.get(`/api/applications?batchId=${batch.id}&sort=spaceName&order=${order}&pageSize=100`))
        .json()
        .items.map((i: { spaceName: string }) => i.spaceName);
    const asc = await names('asc');
    expect(asc).toHaveLength(7);
    expect(asc).toEqual([...asc].sort());
    expect(await names('desc')).toEqual([...asc].reverse());
    for (const bad of ['sort=content', 'order=up', 'page=0', 'pageSize=101', 'page=x'])
      expect((await officer.get(`/api/applications?${bad}`)).statusCode, bad).toBe(422);
  });

  it('reviewers see the submitted snapshot, the applicant its working copy', async () => {
    const { db, applicant: a, client: c, app: sub } = await submittedInNewBatch(env);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const returned = await act(reviewer, sub.id, 'return', { comment: '请修改' });
    expect(returned.statusCode).toBe(200);
    const detail = (await c.get(`/api/applications/${sub.id}`)).json();
    const patch = await c.patch(`/api/applications/${sub.id}`, {
      version: detail.version,
      basicInfo: { ...detail.content.basicInfo, address: '修改中的地址' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await c.get(`/api/applications/${sub.id}`)).json().content.basicInfo.address).toBe('修改中的地址');
    expect((await reviewer.get(`/api/applications/${sub.id}`)).json().content.basicInfo.address).toBe(
      completeContent(a.unit).basicInfo.address,
    );
  });
});
