import { createHash, randomUUID } from 'node:crypto';
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
  NANJING,
  SUZHOU,
} from '../factories.js';
import {
  act,
  applicationState,
  completeApplication,
  completeContent,
  createApplication,
  expectError,
  PLEDGE,
  submitted,
} from '../helpers/applications.js';

const START = '2026-06-01T02:00:00.000Z';

describeEachDb('applications', (env) => {
  afterEach(() => env().clock.set(START));

  it('creates one application per unit per batch, prefilled with the unit, and records the creation', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const created = await createApplication(client, batch.id);
    const unit = await db.selectFrom('orgs').selectAll().where('id', '=', applicant.unit.id).executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      batchId: batch.id,
      unit: { id: unit.id, name: unit.name, uscc: unit.uscc },
      cityId: NANJING,
      cityName: '南京市科学技术局',
      status: 'draft',
      statusLabel: '草稿',
      version: 1,
      number: null,
      content: {
        basicInfo: { operatorName: unit.name, operatorUscc: unit.uscc },
        narrative: null,
        provincialFiling: null,
      },
      files: [],
      pledge: null,
      snapshot: null,
      deadline: '2026-07-31T15:59:59.000Z',
      allowedActions: ['submit'],
    });
    expect(created.timeline).toEqual([
      expect.objectContaining({
        action: 'create',
        actionLabel: '创建申报',
        toStatus: 'draft',
        actorOrgName: unit.name,
        actorName: null,
      }),
    ]);
    const row = await db.selectFrom('applications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_id: unit.id, city_id: NANJING, province_id: 'prov-320000', uscc: unit.uscc });

    expectError(await client.post('/api/applications', { batchId: batch.id }), 409, 'conflict');
    const rows = await db.selectFrom('applications').select('id').where('unit_id', '=', unit.id).execute();
    expect(rows).toHaveLength(1);

    // Only applicants create applications.
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(await reviewer.post('/api/applications', { batchId: batch.id }), 403, 'forbidden');
    const missing = await client.post('/api/applications', { batchId: randomUUID() });
    expect(missing.statusCode).toBe(422);
  });

  it('refuses a new application while the unit has an active credit record, and allows it once ended', async () => {
    const db = env().db;
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const at = env().clock.now().toISOString();
    const recordId = randomUUID();
    await db
      .insertInto('credit_records')
      .values({
        id: recordId,
        uscc: applicant.unit.uscc,
        unit_name: '失信单位',
        unit_id: applicant.unit.id,
        application_id: null,
        reason: '提供虚假材料',
        source: '测试',
        recorded_by_org_id: 'js-dept',
        province_id: 'prov-320000',
        valid_from: at,
        valid_to: null,
        created_by: 'test',
        created_at: at,
      })
      .execute();
    const batch = await buildBatch(db);
    const res = await client.post('/api/applications', { batchId: batch.id });
    expectError(res, 403, 'forbidden');
    expect(res.json().error.message).toContain('不良科技信用记录');
    expect(
      await db.selectFrom('applications').select('id').where('unit_id', '=', applicant.unit.id).execute(),
    ).toHaveLength(0);

    // A record that ended in the past no longer blocks.
    await db.updateTable('credit_records').set({ valid_to: START }).where('id', '=', recordId).execute();
    env().clock.advance(1000);
    expect((await client.post('/api/applications', { batchId: batch.id })).statusCode).toBe(201);
  });

  it('saves partial drafts section by section, checks types, sanitises the narrative and keeps space_name in sync', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const created = await createApplication(client, batch.id);
    const res = await client.patch(`/api/applications/${created.id}`, {
      version: 1,
      basicInfo: { spaceName: '南京智能制造专业化众创空间', head: { name: '李晓峰' }, mainFields: ['智能制造'] },
      narrative: {
        hostOverview:
          '<p class="MsoNormal" style="mso-line-height:1" onclick="x()">建设主体<script>alert(1)</script><b>基本情况</b><o:p></o:p></p><table><tr><td colspan="2" style="x">表</td></tr></table><img src="https://evil.example/x.png"><img src="/api/logo.png">',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    const html = res.json().content.narrative.hostOverview as string;
    // Images of other sites and other paths of this site are dropped (issue 11 item 4; see narrative-images.test.ts).
    expect(html).toBe('<p>建设主体<strong>基本情况</strong></p><table><tr><td colspan="2">表</td></tr></table>');

    // A later save of another section keeps the first.
    const second = await client.patch(`/api/applications/${created.id}`, {
      version: 2,
      provincialFiling: { status: 'planned' },
    });
    expect(second.statusCode, second.body).toBe(200);
    const detail = (await client.get(`/api/applications/${created.id}`)).json();
    expect(detail.version).toBe(3);
    expect(detail.spaceName).toBe('南京智能制造专业化众创空间');
    expect(detail.content.basicInfo).toMatchObject({
      spaceName: '南京智能制造专业化众创空间',
      head: { name: '李晓峰' },
    });
    expect(detail.content.provincialFiling).toEqual({ status: 'planned' });
    expect(detail.content.narrative.hostOverview).toBe(html);
    const row = await db
      .selectFrom('applications')
      .select('space_name')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.space_name).toBe('南京智能制造专业化众创空间');

    // Wrong types are refused with paths and Chinese messages, and nothing is written.
    const before = await applicationState(db, created.id);
    const bad = await client.patch(`/api/applications/${created.id}`, {
      version: 3,
      basicInfo: { managementTeamSize: 'many', head: { mobile: 12345 } },
    });
    expectError(bad, 422, 'validation_failed');
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['basicInfo.managementTeamSize', 'basicInfo.head.mobile']));
    for (const d of bad.json().error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await applicationState(db, created.id)).toEqual(before);
    const audits = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'application.update')
      .where('target_id', '=', created.id)
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('refuses a save based on a stale version with 409 and writes nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const created = await createApplication(client, batch.id);
    expect(
      (await client.patch(`/api/applications/${created.id}`, { version: 1, basicInfo: { address: '甲' } })).statusCode,
    ).toBe(200);
    const before = await applicationState(db, created.id);
    const stale = await client.patch(`/api/applications/${created.id}`, { version: 1, basicInfo: { address: '乙' } });
    expectError(stale, 409, 'version_conflict');
    expect(await applicationState(db, created.id)).toEqual(before);
    expect(JSON.parse(before.app!.content).basicInfo.address).toBe('甲');
  });

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

  it('return and decline need a comment and the city reviewer of the application’s city', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
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
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
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
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
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
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const sub = await submitted(c, batch.id, a.unit);
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
