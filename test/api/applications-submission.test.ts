import { createHash, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch, NANJING } from '../factories.js';
import {
  act,
  applicationState,
  completeApplication,
  completeContent,
  createApplication,
  expectError,
  PLEDGE,
  START,
  submitted,
} from '../helpers/applications.js';

// Submitting: validation, the snapshot and pledge, numbering, idempotency, deadlines, withdraw and reopen.
describeEachDb('applications', (env) => {
  afterEach(() => env().clock.set(START));

  it('answers a submission with every problem at once: content, required uploads and the pledge', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { requiredFileKinds: ['business_license', 'stamp_scan'] });
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const created = await createApplication(client, batch.id);
    await client.patch(`/api/applications/${created.id}`, {
      version: 1,
      basicInfo: {
        spaceName: '南京众创空间',
        head: { name: '李晓峰', mobile: '123' },
        managementTeamSize: 5,
        collegeEducatedCount: 9,
      },
    });
    const before = await applicationState(db, created.id);
    const res = await act(client, created.id, 'submit', { pledge: { signerName: '', agreed: false } });
    expectError(res, 422, 'validation_failed');
    const details: { path: string; message: string }[] = res.json().error.details;
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'basicInfo.spaceName',
        'basicInfo.head.mobile',
        'basicInfo.collegeEducatedCount',
        'basicInfo.establishedOn',
        'narrative.hostOverview',
        'narrative.successCases',
        'provincialFiling.status',
        'files.business_license',
        'files.stamp_scan',
        'pledge.signerName',
        'pledge.agreed',
      ]),
    );
    for (const d of details) expect(d.message, d.path).toMatch(/[\u4e00-\u9fa5]/);
    expect(details.find((d) => d.path === 'files.business_license')!.message).toBe('请上传“运营主体营业执照”');
    expect(await applicationState(db, created.id)).toEqual(before);

    // Without any pledge at all, both of its fields are named.
    const noPledge = await act(client, created.id, 'submit');
    const noPledgePaths = noPledge.json().error.details.map((d: { path: string }) => d.path);
    expect(noPledgePaths).toEqual(expect.arrayContaining(['pledge.signerName', 'pledge.agreed']));
  });

  it('submits: freezes a snapshot bound to the pledge by SHA-256, numbers the application and locks the content', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id, version } = await completeApplication(client, batch.id, applicant.unit);
    const res = await act(client, id, 'submit', { pledge: PLEDGE });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ status: 'submitted', statusLabel: '已提交待审核', version: version + 1 });
    expect(detail.number).toMatch(/^2026-320100-\d{4}$/);
    expect(detail.allowedActions).toEqual(['withdraw']);

    const snapshots = await db
      .selectFrom('application_snapshots')
      .selectAll()
      .where('application_id', '=', id)
      .execute();
    expect(snapshots).toHaveLength(1);
    const snap = snapshots[0]!;
    expect(snap.seq).toBe(1);
    expect(createHash('sha256').update(snap.content).digest('hex')).toBe(snap.sha256);
    // Canonical JSON: keys sorted at every level.
    const parsed = JSON.parse(snap.content);
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    expect(Object.keys(parsed.basicInfo)).toEqual([...Object.keys(parsed.basicInfo)].sort());
    expect(parsed.basicInfo.operatorUscc).toBe(applicant.unit.uscc);
    const pledges = await db.selectFrom('pledges').selectAll().where('application_id', '=', id).execute();
    expect(pledges).toHaveLength(1);
    expect(pledges[0]).toMatchObject({
      snapshot_id: snap.id,
      snapshot_sha256: snap.sha256,
      signer_name: PLEDGE.signerName,
      text_id: 'su-ke-gao-fa-2020-174/attachment-4',
    });
    expect(detail.snapshot).toEqual({ seq: 1, sha256: snap.sha256, createdAt: START });
    expect(detail.pledge).toEqual({ signerName: PLEDGE.signerName, signedAt: START, snapshotSha256: snap.sha256 });
    const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ current_snapshot_id: snap.id, submitted_at: START, number: detail.number });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'application.submit')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({
      from: 'draft',
      to: 'submitted',
      snapshotSha256: snap.sha256,
    });

    // The content is frozen: no more saves or uploads.
    const before = await applicationState(db, id);
    expectError(
      await client.patch(`/api/applications/${id}`, { version: detail.version, basicInfo: { address: '改' } }),
      409,
      'invalid_transition',
    );
    expect(await applicationState(db, id)).toEqual(before);

    // A second unit of the city gets the next number.
    const other = await buildApplicant(db);
    const otherClient = await env().login(other.username);
    const second = await submitted(otherClient, batch.id, other.unit);
    const n1 = Number(detail.number.slice(-4));
    expect(second.number).toBe(`2026-320100-${String(n1 + 1).padStart(4, '0')}`);
  });

  it('does not act twice on a repeated submit, with or without an Idempotency-Key', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id } = await completeApplication(client, batch.id, applicant.unit);
    const key = `submit-${randomUUID()}`;
    const send = () =>
      client.request({
        method: 'POST',
        url: `/api/applications/${id}/actions/submit`,
        payload: { pledge: PLEDGE },
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const replay = await send();
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());

    // Without a key the state check refuses the repeat.
    expectError(await act(client, id, 'submit', { pledge: PLEDGE }), 409, 'invalid_transition');
    const state = await applicationState(db, id);
    expect(state.snapshots).toBe(1);
    expect(state.pledges).toBe(1);
    expect(state.events.filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  it('stays consistent under concurrent submissions: distinct numbers, and a doubled submit acts once', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const units = await Promise.all([0, 1, 2].map(() => buildApplicant(db)));
    const clients = await Promise.all(units.map((u) => env().login(u.username)));
    const apps = await Promise.all(units.map((u, i) => completeApplication(clients[i]!, batch.id, u.unit)));
    const results = await Promise.all(apps.map((a, i) => act(clients[i]!, a.id, 'submit', { pledge: PLEDGE })));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(3);

    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const { id } = await completeApplication(c, batch.id, a.unit);
    const twice = await Promise.all([
      act(c, id, 'submit', { pledge: PLEDGE }),
      act(c, id, 'submit', { pledge: PLEDGE }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const state = await applicationState(db, id);
    expect(state.snapshots).toBe(1);
    expect(state.pledges).toBe(1);
    expect(state.events.filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  it('binds submission to the applicant deadline: before, exactly at, after, and after an extension', async () => {
    const db = env().db;
    const due = '2026-06-20T09:00:00.000Z';
    const batch = await buildBatch(db, { applicantDeadlines: { [NANJING]: due } });
    const make = async () => {
      const a = await buildApplicant(db);
      const c = await env().login(a.username);
      return { username: a.username, ...(await completeApplication(c, batch.id, a.unit)) };
    };
    const before = await make();
    const at = await make();
    const after = await make();
    // Sessions time out after 30 idle minutes: log in again after moving the clock.
    const as = (u: { username: string }) => env().login(u.username);

    env().clock.set('2026-06-20T08:59:59.000Z');
    expect((await act(await as(before), before.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
    env().clock.set(due);
    const atClient = await as(at);
    const detailAt = (await atClient.get(`/api/applications/${at.id}`)).json();
    expect(detailAt.deadline).toBe(due);
    expect(detailAt.allowedActions).toContain('submit');
    expect((await act(atClient, at.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);

    env().clock.set('2026-06-20T09:00:01.000Z');
    const afterClient = await as(after);
    expect((await afterClient.get(`/api/applications/${after.id}`)).json().allowedActions).toEqual([]);
    const stateBefore = await applicationState(db, after.id);
    const late = await act(afterClient, after.id, 'submit', { pledge: PLEDGE });
    expectError(late, 409, 'deadline_passed');
    expect(await applicationState(db, after.id)).toEqual(stateBefore);
    expectError(
      await afterClient.patch(`/api/applications/${after.id}`, {
        version: after.version,
        basicInfo: { address: '晚' },
      }),
      409,
      'deadline_passed',
    );

    // The city extends its applicant deadline by two days.
    const deadline = await db
      .selectFrom('deadlines')
      .selectAll()
      .where('batch_id', '=', batch.id)
      .where('kind', '=', 'applicant')
      .where('scope_org_id', '=', NANJING)
      .executeTakeFirstOrThrow();
    const extended = '2026-06-22T09:00:00.000Z';
    await db.updateTable('deadlines').set({ due_at: extended }).where('id', '=', deadline.id).execute();
    await db
      .insertInto('deadline_extensions')
      .values({
        id: randomUUID(),
        deadline_id: deadline.id,
        from_due_at: due,
        to_due_at: extended,
        reason: '系统维护顺延',
        user_id: 'test',
        org_id: NANJING,
        at: '2026-06-20T09:00:00.500Z',
      })
      .execute();
    const now = (await afterClient.get(`/api/applications/${after.id}`)).json();
    expect(now.deadline).toBe(extended);
    expect(now.allowedActions).toEqual(['submit']);
    expect((await act(afterClient, after.id, 'submit', { pledge: PLEDGE })).statusCode).toBe(200);
  });

  it('withdraws and reopens before the deadline; reopening after it is refused', async () => {
    const db = env().db;
    const due = '2026-06-30T09:00:00.000Z';
    const batch = await buildBatch(db, { applicantDeadlines: { [NANJING]: due } });
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
    const withdrawn = await act(c, sub.id, 'withdraw');
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', allowedActions: ['reopen'] });
    const reopened = await act(c, sub.id, 'reopen');
    expect(reopened.json()).toMatchObject({ status: 'draft', allowedActions: ['submit'], number: sub.number });
    // Editable again, and a resubmission makes a second snapshot with the same number.
    const patch = await c.patch(`/api/applications/${sub.id}`, {
      version: reopened.json().version,
      basicInfo: { ...completeContent(a.unit).basicInfo, address: '新地址' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const again = await act(c, sub.id, 'submit', { pledge: PLEDGE });
    expect(again.json()).toMatchObject({ status: 'submitted', number: sub.number, snapshot: { seq: 2 } });
    expect(again.json().snapshot.sha256).not.toBe(sub.snapshot.sha256);

    const b = await buildApplicant(db);
    let bc = await env().login(b.username);
    const sub2 = await submitted(bc, batch.id, b.unit);
    await act(bc, sub2.id, 'withdraw');
    env().clock.set('2026-06-30T09:00:01.000Z');
    bc = await env().login(b.username);
    expect((await bc.get(`/api/applications/${sub2.id}`)).json().allowedActions).toEqual([]);
    const before = await applicationState(db, sub2.id);
    expectError(await act(bc, sub2.id, 'reopen'), 409, 'deadline_passed');
    expect(await applicationState(db, sub2.id)).toEqual(before);
  });
});
