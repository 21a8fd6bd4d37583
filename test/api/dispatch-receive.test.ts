import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUser,
} from '../factories.js';
import { apps, login, PLEDGE, START } from '../helpers/dispatches.js';

describeEachDb('dispatches (报送)', (env) => {
  afterEach(() => env().clock.set(START));

  it('receive: the acceptance clerk of the province, once; later dispatches of the city are supplementary', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2);
    const reviewer = await login(env, await buildCityReviewer(db));
    const approver = await login(env, await buildCityApprover(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a1!.id], letter: '函' })).json().dispatch.id;
    const clerk = await login(env, await buildAcceptanceClerk(db));
    expect((await approver.post(`/api/dispatches/${id}/actions/receive`, {})).statusCode).toBe(403);
    expect((await clerk.post(`/api/dispatches/${id}/actions/receive`, {})).statusCode).toBe(404); // a draft is not theirs to see
    expect((await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
    expect((await clerk.get(`/api/dispatches/${id}`)).json().dispatch.allowedActions).toEqual(['receive']);
    const officer = await login(env, await buildProvinceOfficer(db));
    expect((await officer.post(`/api/dispatches/${id}/actions/receive`, {})).statusCode).toBe(403);
    // receive needs no body at all
    const got = await clerk.request({ method: 'POST', url: `/api/dispatches/${id}/actions/receive` });
    expect(got.statusCode).toBe(200);
    expect(got.json().dispatch).toMatchObject({
      status: 'received',
      receivedAt: START,
      receivedBy: { id: 'js-centre' },
      version: 3,
    });
    const twice = await clerk.post(`/api/dispatches/${id}/actions/receive`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('该报送批已接收，不能重复接收');
    expect(
      await db
        .selectFrom('audit_log')
        .select('seq')
        .where('target_id', '=', id)
        .where('action', '=', 'dispatch.receive')
        .execute(),
    ).toHaveLength(1);

    const next = await reviewer.post('/api/dispatches', { applicationIds: [a2!.id], letter: '补充推荐函' });
    expect(next.json().dispatch.supplementary).toBe(true);
  });

  it('an application sent back for correction goes in a supplementary dispatch, even before the first is marked received', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 1);
    const reviewer = await login(env, await buildCityReviewer(db));
    const approver = await login(env, await buildCityApprover(db));
    const clerk = await login(env, await buildAcceptanceClerk(db));
    const first = (await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' })).json().dispatch
      .id;
    expect((await approver.post(`/api/dispatches/${first}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
    // While the first dispatch is only sent, it cannot take the application again (it is no longer recommended).
    const resend = await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' });
    expect(resend.statusCode).toBe(422);
    expect(resend.json().error.details[0].message).toContain('已报送省厅');
    const corr = await clerk.post(`/api/applications/${a!.id}/actions/request_correction`, { comment: '缺盖章页' });
    expect(corr.statusCode, corr.body).toBe(200);
    expect((await reviewer.post(`/api/applications/${a!.id}/actions/recommend`, {})).statusCode).toBe(200);
    const again = await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '补充推荐函' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().dispatch.supplementary).toBe(true);
    // but not in two drafts at once
    const twice = await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '补充推荐函' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details[0].message).toContain('已列入另一个尚未报送的报送批');
    const sent = await approver.post(`/api/dispatches/${again.json().dispatch.id}/actions/send`, { pledge: PLEDGE });
    expect(sent.json().dispatch.items[0].status).toBe('dispatched_to_province');
  });

  it('the province dispatch: the province officer assembles, the province approver signs and sends; the Ministry receives', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { provinceDeadline: '2026-08-31T15:59:59Z' });
    const [p1, p2] = await apps(db, batch.id, 2, 'province_recommended');
    const [accepted] = await apps(db, batch.id, 1, 'accepted');
    const officer = await login(env, await buildProvinceOfficer(db));
    const bad = await officer.post('/api/dispatches', { applicationIds: [p1!.id, accepted!.id], letter: '函' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('applicationIds.1');
    const created = await officer.post('/api/dispatches', {
      applicationIds: [p2!.id, p1!.id],
      letter: '江苏省科学技术厅关于推荐第四批国家专业化众创空间的函',
      batchId: batch.id,
    });
    expect(created.statusCode).toBe(200);
    const d = created.json().dispatch;
    expect(d).toMatchObject({
      level: 'province',
      fromOrg: { id: 'prov-320000', name: '江苏省科学技术厅' },
      deadline: '2026-08-31T15:59:59.000Z',
      // Four eyes: the builder edits, never sends (issue 14).
      allowedActions: ['edit'],
      sendNote: 'awaiting_signature',
    });
    expect((await officer.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(403);
    const approverUser = await buildProvinceApprover(db);
    const approver = await login(env, approverUser);
    const signing = (await approver.get(`/api/dispatches/${d.id}`)).json().dispatch;
    expect(signing.allowedActions).toEqual(['send', 'return']);
    expect(signing.sendNote).toBeNull();
    const ministry = await login(env, await buildMinistryOfficer(db));
    expect((await ministry.get(`/api/dispatches/${d.id}`)).statusCode).toBe(404);
    const clerk = await login(env, await buildAcceptanceClerk(db));
    expect((await clerk.post(`/api/dispatches/${d.id}/actions/send`, {})).statusCode).toBe(403);
    env().clock.set('2026-08-31T16:00:00Z');
    // (an account whose password is not yet 90 days old at that date)
    const late = await login(
      env,
      await buildUser(db, { roles: ['province_approver'], orgId: 'js-dept', now: new Date('2026-08-01T00:00:00Z') }),
    );
    expect((await late.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE })).json().error.code).toBe(
      'deadline_passed',
    );
    env().clock.set(START);
    // The province signs its own pledge too.
    const noPledge = await approver.post(`/api/dispatches/${d.id}/actions/send`, { version: 1 });
    expect(noPledge.statusCode).toBe(422);
    expect(noPledge.json().error.details[0].path).toBe('pledge');
    const sent = await approver.post(`/api/dispatches/${d.id}/actions/send`, { version: 1, pledge: PLEDGE });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().dispatch.items.map((i: { status: string }) => i.status)).toEqual([
      'dispatched_to_ministry',
      'dispatched_to_ministry',
    ]);
    expect(sent.json().dispatch.pledge).toMatchObject({ signerName: '张明远' });
    const events = await db
      .selectFrom('application_events')
      .select('actor_role')
      .where('application_id', '=', p1!.id)
      .where('action', '=', 'dispatch_to_ministry')
      .execute();
    expect(events).toEqual([{ actor_role: 'province_approver' }]);
    expect((await ministry.get(`/api/dispatches/${d.id}`)).json().dispatch.allowedActions).toEqual(['receive']);
    const received = await ministry.post(`/api/dispatches/${d.id}/actions/receive`, {});
    expect(received.json().dispatch).toMatchObject({ status: 'received', receivedBy: { id: 'most' } });
    // Zhejiang's department sees none of it.
    const zhejiang = await login(env, await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' }));
    expect((await zhejiang.get(`/api/dispatches/${d.id}`)).statusCode).toBe(404);
  });

  it('a send pinned to a version that has changed since is 409', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a1!.id], letter: '函' })).json().dispatch.id;
    expect(
      (await reviewer.patch(`/api/dispatches/${id}`, { version: 1, applicationIds: [a1!.id, a2!.id] })).statusCode,
    ).toBe(200);
    const approver = await login(env, await buildCityApprover(db));
    const res = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
    expect(
      (await db.selectFrom('dispatches').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('draft');
  });

  it('a declared conflict of interest keeps an approver from signing, and a reviewer from choosing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 1);
    const reviewerUser = await buildCityReviewer(db);
    const approverUser = await buildCityApprover(db);
    const reviewer = await login(env, reviewerUser);
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' })).json().dispatch.id;
    for (const u of [reviewerUser, approverUser])
      await db
        .insertInto('conflicts')
        .values({ id: `c-${u.id}`, user_id: u.id, unit_id: a!.unitId, reason: '亲属任职', declared_at: START })
        .execute();
    const approver = await login(env, approverUser);
    const res = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('回避');
    const again = await reviewer.patch(`/api/dispatches/${id}`, { version: 1, applicationIds: [a!.id] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details[0].message).toContain('回避');
  });
});
