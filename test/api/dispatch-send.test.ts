import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
} from '../factories.js';
import { apps, login, PLEDGE, snapshot, START } from '../helpers/dispatches.js';

describeEachDb('dispatches (报送)', (env) => {
  afterEach(() => env().clock.set(START));

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
});
