import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client, type TestEnv } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';

const PLEDGE = { signerName: '张明远', agreed: true };
const START = '2026-06-01T02:00:00.000Z';

/** Recommended (or other-status) applications of fresh units in a city. */
async function apps(db: Db, batchId: string, n: number, status: ApplicationStatus = 'recommended', city = NANJING) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = await buildApplicant(db, { cityOrgId: city });
    out.push(await buildApplication(db, { batchId, unit: a.unit, status }));
  }
  return out;
}

/** Everything a dispatch command could change, to compare before and after a refused request. */
async function snapshot(db: Db, appIds: string[]) {
  const [applications, dispatches, items, events, audit] = await Promise.all([
    db.selectFrom('applications').select(['id', 'status', 'version']).where('id', 'in', appIds).orderBy('id').execute(),
    db.selectFrom('dispatches').selectAll().orderBy('id').execute(),
    db.selectFrom('dispatch_items').selectAll().orderBy('dispatch_id').orderBy('rank').execute(),
    db.selectFrom('application_events').select('id').where('application_id', 'in', appIds).execute(),
    db.selectFrom('audit_log').select('seq').where('action', 'like', 'dispatch.%').execute(),
  ]);
  return { applications, dispatches, items, events: events.length, audit: audit.length };
}

async function login(env: () => TestEnv, user: { username: string }): Promise<Client> {
  return env().login(user.username);
}

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

  it('four eyes: whoever assembled a city dispatch cannot send it (403); another approver signs and sends', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2);
    const both = await buildUser(db, { roles: ['city_reviewer', 'city_approver'], orgId: NANJING });
    const creator = await login(env, both);
    const created = await creator.post('/api/dispatches', { applicationIds: [a1!.id, a2!.id], letter: '函' });
    const id = created.json().dispatch.id;
    expect(created.json().dispatch.allowedActions).toEqual(['edit']);
    // An approver who assembled it is told the four-eyes rule.
    expect(created.json().dispatch.sendNote).toBe('four_eyes');
    const before = await snapshot(db, [a1!.id, a2!.id]);
    const own = await creator.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('双人复核');
    expect(await snapshot(db, [a1!.id, a2!.id])).toEqual(before);

    const approver = await login(env, await buildCityApprover(db));
    const noPledge = await approver.post(`/api/dispatches/${id}/actions/send`, {});
    expect(noPledge.statusCode).toBe(422);
    expect(noPledge.json().error.details[0].path).toBe('pledge');
    const notAgreed = await approver.post(`/api/dispatches/${id}/actions/send`, {
      pledge: { signerName: '张明远', agreed: false },
    });
    expect(notAgreed.statusCode).toBe(422);
    expect(await snapshot(db, [a1!.id, a2!.id])).toEqual(before);

    const sent = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
    expect(sent.statusCode).toBe(200);
    const d = sent.json().dispatch;
    expect(d).toMatchObject({
      status: 'sent',
      statusLabel: '已报送',
      version: 2,
      sentBy: { id: NANJING },
      pledge: { signerName: '张明远', signedAt: START },
      sentAt: START,
      allowedActions: [],
    });
    expect(d.items.map((i: { status: string }) => i.status)).toEqual([
      'dispatched_to_province',
      'dispatched_to_province',
    ]);
    const events = await db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', 'in', [a1!.id, a2!.id])
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.action === 'dispatch_to_province' && e.from_status === 'recommended')).toBe(true);
    expect(events.every((e) => e.actor_role === 'city_approver')).toBe(true);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', id)
      .where('action', 'like', 'dispatch.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['dispatch.create', 'dispatch.send']);
    expect(JSON.parse(audit[1]!.summary)).toMatchObject({ pledgeSigner: '张明远', applicationIds: [a1!.id, a2!.id] });
  });

  it('a repeated send is 409 and acts once, with or without an Idempotency-Key', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a] = await apps(db, batch.id, 1);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a!.id], letter: '函' })).json().dispatch.id;
    const approver = await login(env, await buildCityApprover(db));
    const send = () =>
      approver.request({
        method: 'POST',
        url: `/api/dispatches/${id}/actions/send`,
        payload: { pledge: PLEDGE },
        headers: { 'idempotency-key': `send-${id}` },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const after = await snapshot(db, [a!.id]);
    const replay = await send();
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    const again = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'invalid_transition', message: '该报送批已报送，不能重复报送' });
    expect(await snapshot(db, [a!.id])).toEqual(after);
    expect(after.events).toBe(1);
  });

  it('two approvers sending at once: exactly one succeeds, the other gets 409, nothing doubled', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a1!.id, a2!.id], letter: '函' })).json()
      .dispatch.id;
    const [x, y] = [await login(env, await buildCityApprover(db)), await login(env, await buildCityApprover(db))];
    const results = await Promise.all(
      [x, y].map((c) => c.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await snapshot(db, [a1!.id, a2!.id]);
    expect(after.events).toBe(2);
    expect(after.applications.every((a) => a.status === 'dispatched_to_province' && a.version === 2)).toBe(true);
    expect(
      await db
        .selectFrom('audit_log')
        .select('seq')
        .where('target_id', '=', id)
        .where('action', '=', 'dispatch.send')
        .execute(),
    ).toHaveLength(1);
  });

  it('the whole send fails when one application has moved on; nothing changes', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2);
    const reviewer = await login(env, await buildCityReviewer(db));
    const id = (await reviewer.post('/api/dispatches', { applicationIds: [a1!.id, a2!.id], letter: '函' })).json()
      .dispatch.id;
    // Setup: the second application left `recommended` meanwhile (as an unrecommend would do).
    await db.updateTable('applications').set({ status: 'submitted', version: 2 }).where('id', '=', a2!.id).execute();
    const before = await snapshot(db, [a1!.id, a2!.id]);
    const approver = await login(env, await buildCityApprover(db));
    const res = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(a2!.spaceName);
    expect(await snapshot(db, [a1!.id, a2!.id])).toEqual(before);
  });

  it('deadline for sending: before and at the deadline in time, after it 409, extended in time again', async () => {
    const db = env().db;
    const due = '2026-07-31T15:59:59.000Z';
    const batch = await buildBatch(db, { cityDeadline: due });
    const [a1, a2, a3] = await apps(db, batch.id, 3);
    const reviewer = await login(env, await buildCityReviewer(db));
    const make = async (a: { id: string }) =>
      (await reviewer.post('/api/dispatches', { applicationIds: [a.id], letter: '函' })).json().dispatch.id as string;
    const [d1, d2, d3] = [await make(a1!), await make(a2!), await make(a3!)];
    const approverUser = await buildCityApprover(db);
    const sendAt = async (at: string, id: string) => {
      env().clock.set(at);
      const c = await login(env, approverUser);
      return { c, res: await c.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE }) };
    };
    expect((await sendAt('2026-07-31T15:59:58.000Z', d1)).res.statusCode).toBe(200);
    expect((await sendAt(due, d2)).res.statusCode).toBe(200);

    env().clock.set('2026-07-31T16:00:00.000Z');
    const before = await snapshot(db, [a3!.id]);
    const { c, res } = await sendAt('2026-07-31T16:00:00.000Z', d3);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('deadline_passed');
    expect(res.json().error.message).toContain('2026-07-31 23:59');
    expect(await snapshot(db, [a3!.id])).toEqual(before);
    expect((await c.get(`/api/dispatches/${d3}`)).json().dispatch.allowedActions).toEqual([]);

    // The province department, which set the city → province deadline, extends it.
    const deadline = await db
      .selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', batch.id)
      .where('kind', '=', 'city')
      .executeTakeFirstOrThrow();
    const officer = await login(env, await buildProvinceOfficer(db));
    const ext = await officer.post(`/api/deadlines/${deadline.id}/extensions`, {
      dueAt: '2026-08-05',
      reason: '受台风影响，延期报送',
    });
    expect(ext.statusCode).toBe(200);
    const view = (await c.get(`/api/dispatches/${d3}`)).json().dispatch;
    expect(view.deadline).toBe('2026-08-05T15:59:59.000Z');
    expect(view.allowedActions).toEqual(['send', 'return']);
    expect((await c.post(`/api/dispatches/${d3}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
  });

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
