import { afterEach, expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import { apps, login, PLEDGE, snapshot, START } from '../helpers/dispatches.js';

describeEachDb('dispatches (报送)', (env) => {
  afterEach(() => env().clock.set(START));

  it('a city reviewer assembles recommended applications in rank order; the shape of a dispatch', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2, a3] = await apps(db, batch.id, 3);
    const reviewer = await login(env, await buildCityReviewer(db));
    const res = await reviewer.post('/api/dispatches', {
      applicationIds: [a2!.id, a3!.id, a1!.id],
      letter: '南京市科学技术局关于推荐第四批国家专业化众创空间的函',
    });
    expect(res.statusCode).toBe(200);
    const d = res.json().dispatch;
    expect(d).toMatchObject({
      level: 'city',
      batchId: batch.id,
      fromOrg: { id: NANJING, name: '南京市科学技术局' },
      status: 'draft',
      statusLabel: '草稿',
      supplementary: false,
      letter: '南京市科学技术局关于推荐第四批国家专业化众创空间的函',
      version: 1,
      createdBy: { id: NANJING },
      sentAt: null,
      sentBy: null,
      pledge: null,
      receivedAt: null,
      deadline: '2026-07-31T15:59:59.000Z',
      allowedActions: ['edit'],
      // The server tells the reviewer that the draft waits for an approver's signature.
      sendNote: 'awaiting_signature',
    });
    expect(d.items.map((i: { applicationId: string; rank: number }) => [i.rank, i.applicationId])).toEqual([
      [1, a2!.id],
      [2, a3!.id],
      [3, a1!.id],
    ]);
    expect(d.items[0]).toMatchObject({
      spaceName: a2!.spaceName,
      status: 'recommended',
      statusLabel: '市局已推荐',
      paperCopies: { count: 0, flagged: 0 },
    });
    expect(d.items[0].number).toMatch(/^T/);
    expect(d.items[0].unitName).toMatch(/测试科技有限公司/);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'dispatch.create')
      .where('target_id', '=', d.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_role).toBe('city_reviewer');
    // The approver of the city sees it with send offered; the creator does not get send.
    const approver = await login(env, await buildCityApprover(db));
    const seen = (await approver.get(`/api/dispatches/${d.id}`)).json().dispatch;
    expect(seen.allowedActions).toEqual(['send', 'return']);
    expect(seen.sendNote).toBe('can_send');
  });

  it('refuses an empty, duplicated or ineligible choice with 422 naming each item, and writes nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [ok] = await apps(db, batch.id, 1);
    const [submitted] = await apps(db, batch.id, 1, 'submitted');
    const [suzhou] = await apps(db, batch.id, 1, 'recommended', SUZHOU);
    const [taken] = await apps(db, batch.id, 1);
    const otherBatch = await buildBatch(db);
    const [elsewhere] = await apps(db, otherBatch.id, 1);
    const reviewer = await login(env, await buildCityReviewer(db));
    expect((await reviewer.post('/api/dispatches', { applicationIds: [taken!.id], letter: '函' })).statusCode).toBe(
      200,
    );
    const ids = [ok!.id, submitted!.id, suzhou!.id, taken!.id, elsewhere!.id, 'no-such-id'];
    const before = await snapshot(db, ids.slice(0, 5));

    const empty = await reviewer.post('/api/dispatches', { applicationIds: [], letter: '函' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details[0]).toEqual({ path: 'applicationIds', message: '报送批中至少要有一项申报' });

    const dup = await reviewer.post('/api/dispatches', { applicationIds: [ok!.id, ok!.id], letter: '函' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.details).toEqual([{ path: 'applicationIds.1', message: '同一项申报在报送批中重复出现' }]);

    const noLetter = await reviewer.post('/api/dispatches', { applicationIds: [ok!.id], letter: '  ' });
    expect(noLetter.statusCode).toBe(422);
    expect(noLetter.json().error.details[0].path).toBe('letter');

    const bad = await reviewer.post('/api/dispatches', { applicationIds: ids, letter: '函' });
    expect(bad.statusCode).toBe(422);
    const details = bad.json().error.details as { path: string; message: string }[];
    expect(details.map((x) => x.path)).toEqual([
      'applicationIds.1',
      'applicationIds.2',
      'applicationIds.3',
      'applicationIds.4',
      'applicationIds.5',
    ]);
    expect(details[0]!.message).toContain(submitted!.spaceName);
    expect(details[0]!.message).toContain('当前状态为“已提交待审核”');
    expect(details[1]!.message).toBe('第 3 项申报不存在或不属于本市管辖');
    expect(details[2]!.message).toContain('已列入另一个尚未报送的报送批');
    expect(details[3]!.message).toContain('同一报送批只能包含同一批次的申报');
    expect(details[4]!.message).toBe('第 6 项申报不存在或不属于本市管辖');
    expect(await snapshot(db, ids.slice(0, 5))).toEqual(before);
  });

  it('only a city reviewer or a province officer assembles dispatches (403 for the other roles)', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 1);
    const applicant = await buildApplicant(db);
    for (const u of [
      applicant,
      await buildCityApprover(db),
      await buildAcceptanceClerk(db),
      await buildMinistryOfficer(db),
      await buildUser(db, { roles: ['expert'], orgId: 'js-dept' }),
      await buildUser(db, { roles: ['system_admin'], orgId: 'js-dept' }),
    ]) {
      const res = await (await login(env, u)).post('/api/dispatches', { applicationIds: [a!.id], letter: '函' });
      expect(res.statusCode, u.username).toBe(403);
    }
    // A province officer may assemble, but only province_recommended applications.
    const officer = await login(env, await buildProvinceOfficer(db));
    const res = await officer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].message).toContain('只有“省厅已推荐”的申报可以列入报送批');
    expect(
      await db.selectFrom('dispatch_items').select('dispatch_id').where('application_id', '=', a!.id).execute(),
    ).toEqual([]);
  });

  it('scopes lists and details: own city; the province once sent; never another city (404)', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 1);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' })).json().dispatch.id;
    const suzhou = await login(env, await buildCityReviewer(db, SUZHOU));
    const clerk = await login(env, await buildAcceptanceClerk(db));
    const officer = await login(env, await buildProvinceOfficer(db));
    const ministry = await login(env, await buildMinistryOfficer(db));
    const zhejiang = await login(env, await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' }));
    const applicant = await login(env, await buildApplicant(db));
    const listed = async (c: Client) =>
      ((await c.get(`/api/dispatches?batchId=${batch.id}`)).json().items as { id: string }[]).map((x) => x.id);

    expect(await listed(reviewer)).toEqual([id]);
    for (const c of [suzhou, clerk, officer, ministry, zhejiang, applicant]) {
      expect(await listed(c)).toEqual([]);
      expect((await c.get(`/api/dispatches/${id}`)).statusCode).toBe(404);
    }
    const approver = await login(env, await buildCityApprover(db));
    expect((await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
    for (const c of [clerk, officer]) {
      expect(await listed(c)).toEqual([id]);
      expect((await c.get(`/api/dispatches/${id}`)).statusCode).toBe(200);
    }
    expect(
      ((await clerk.get(`/api/dispatches?batchId=${batch.id}&status=sent&level=city`)).json().items as unknown[])
        .length,
    ).toBe(1);
    expect(
      ((await clerk.get(`/api/dispatches?batchId=${batch.id}&status=draft`)).json().items as unknown[]).length,
    ).toBe(0);
    expect(
      ((await clerk.get(`/api/dispatches?batchId=${batch.id}&level=province`)).json().items as unknown[]).length,
    ).toBe(0);
    for (const c of [suzhou, ministry, zhejiang, applicant]) {
      expect(await listed(c)).toEqual([]);
      expect((await c.get(`/api/dispatches/${id}`)).statusCode).toBe(404);
    }
  });

  it('edits a draft with its version: reorder and letter; a stale version is 409 and changes nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2, a3] = await apps(db, batch.id, 3);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a1!.id, a2!.id], letter: '初稿' })).json()
      .dispatch.id;
    const res = await reviewer.patch(`/api/dispatches/${id}`, {
      version: 1,
      applicationIds: [a3!.id, a1!.id],
      letter: '定稿',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().dispatch).toMatchObject({ version: 2, letter: '定稿' });
    expect(res.json().dispatch.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([a3!.id, a1!.id]);
    // a2 left the draft and may join another.
    const before = await snapshot(db, [a1!.id, a2!.id, a3!.id]);
    const stale = await reviewer.patch(`/api/dispatches/${id}`, { version: 1, letter: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(await snapshot(db, [a1!.id, a2!.id, a3!.id])).toEqual(before);
    // Another reviewer of the same bureau may edit; an approver may not; another city does not see it.
    const colleague = await login(env, await buildCityReviewer(db));
    expect((await colleague.patch(`/api/dispatches/${id}`, { version: 2, letter: '再改' })).statusCode).toBe(200);
    const approver = await login(env, await buildCityApprover(db));
    expect((await approver.patch(`/api/dispatches/${id}`, { version: 3, letter: 'x' })).statusCode).toBe(403);
    const suzhou = await login(env, await buildCityReviewer(db, SUZHOU));
    expect((await suzhou.patch(`/api/dispatches/${id}`, { version: 3, letter: 'x' })).statusCode).toBe(404);
    // Once sent, no more edits.
    expect((await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
    const late = await reviewer.patch(`/api/dispatches/${id}`, { version: 4, letter: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');
  });
});
