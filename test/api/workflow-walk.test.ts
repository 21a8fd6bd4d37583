import { expect, it } from 'vitest';
import { cloneExampleContent, examplePledge } from '../../src/domain/example-content.js';
import { verificationCode } from '../../src/domain/verification-code.js';
import type { ApplicationAction, ApplicationStatus } from '../../src/domain/workflow.js';
import { describeEachDb, TEST_PASSWORD, type Client, type TestEnv } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  buildUscc,
  NANJING,
} from '../factories.js';
import { registrationExtras } from '../helpers/registrations.js';

const CITY_PLEDGE = { signerName: '周建华', agreed: true };
const PROVINCE_PLEDGE = { signerName: '刘建设', agreed: true };

/** The people of one walk, each logged in: one of every role the process needs, two approvers. */
async function cast(env: () => TestEnv) {
  const db = env().db;
  const login = async (u: Promise<{ username: string }>) => env().login((await u).username);
  return {
    reviewer: await login(buildCityReviewer(db)),
    approver: await login(buildCityApprover(db)),
    clerk: await login(buildAcceptanceClerk(db)),
    officer: await login(buildProvinceOfficer(db)),
    leader: await login(buildProvinceApprover(db)),
    ministry: await login(buildMinistryOfficer(db)),
  };
}
type Cast = Awaited<ReturnType<typeof cast>>;

/** The example content, made the unit's own (its USCC and, optionally, another space name). */
function contentFor(uscc: string, spaceName?: string) {
  const c = cloneExampleContent();
  c.basicInfo.operatorUscc = uscc;
  if (spaceName) c.basicInfo.spaceName = spaceName;
  return c;
}

async function detail(c: Client, id: string) {
  const res = await c.get(`/api/applications/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Takes an action and checks it landed in the expected status; returns the detail. */
async function act(c: Client, id: string, action: ApplicationAction, to: ApplicationStatus, body: object = {}) {
  const res = await c.post(`/api/applications/${id}/actions/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  expect(res.json().status).toBe(to);
  return res.json();
}

async function expectAllowed(c: Client, id: string, status: ApplicationStatus, actions: ApplicationAction[]) {
  const d = await detail(c, id);
  expect(d.status).toBe(status);
  expect([...d.allowedActions].sort()).toEqual([...actions].sort());
  return d;
}

/** A new applicant unit (by factory) with a submitted application built through the API. */
async function submitted(env: () => TestEnv, batchId: string, spaceName?: string) {
  const u = await buildApplicant(env().db);
  const applicant = await env().login(u.username);
  const created = await applicant.post('/api/applications', { batchId });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const patched = await applicant.patch(`/api/applications/${id}`, {
    version: 1,
    ...contentFor(u.unit.uscc, spaceName),
  });
  expect(patched.statusCode, patched.body).toBe(200);
  await act(applicant, id, 'submit', 'submitted', { pledge: examplePledge });
  return { id, applicant, unit: u.unit };
}

/** City dispatch of these applications, assembled by the reviewer, signed and sent by the approver. */
async function sendCityDispatch(p: Cast, ids: string[], letter = '南京市科学技术局推荐函') {
  const d = await p.reviewer.post('/api/dispatches', { applicationIds: ids, letter });
  expect(d.statusCode, d.body).toBe(200);
  const sent = await p.approver.post(`/api/dispatches/${d.json().dispatch.id}/actions/send`, { pledge: CITY_PLEDGE });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json().dispatch;
}

/** The clerk receives the city dispatch and registers both paper copies of the current submission. */
async function receiveWithCopies(p: Cast, dispatchId: string, ids: string[]) {
  expect((await p.clerk.post(`/api/dispatches/${dispatchId}/actions/receive`, {})).statusCode).toBe(200);
  for (const id of ids) {
    const code = verificationCode((await detail(p.clerk, id)).snapshot.sha256);
    const res = await p.clerk.post(`/api/applications/${id}/paper-copies`, {
      count: 2,
      receivedOn: '2026-06-01',
      code,
    });
    expect(res.json().totals.complete).toBe(true);
  }
}

async function toAccepted(env: () => TestEnv, p: Cast, batchId: string) {
  const s = await submitted(env, batchId);
  await act(p.reviewer, s.id, 'recommend', 'recommended');
  const d = await sendCityDispatch(p, [s.id]);
  await receiveWithCopies(p, d.id, [s.id]);
  await act(p.clerk, s.id, 'accept', 'accepted');
  return s;
}

async function toDispatchedToMinistry(env: () => TestEnv, p: Cast, batchId: string) {
  const s = await toAccepted(env, p, batchId);
  await act(p.officer, s.id, 'province_recommend', 'province_recommended');
  const d = await p.officer.post('/api/dispatches', { applicationIds: [s.id], letter: '江苏省科学技术厅推荐函' });
  const sent = await p.leader.post(`/api/dispatches/${d.json().dispatch.id}/actions/send`, { pledge: PROVINCE_PLEDGE });
  expect(sent.statusCode, sent.body).toBe(200);
  expect((await p.ministry.post(`/api/dispatches/${d.json().dispatch.id}/actions/receive`, {})).statusCode).toBe(200);
  return s;
}

describeEachDb('the filing workflow, end to end through the API', (env) => {
  it('walks one application from draft to filed', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const p = await cast(env);

    // The unit registers; the city reviewer approves it; its account can then log in.
    const uscc = buildUscc();
    const reg = await env()
      .anonymous()
      .post('/api/registrations', {
        unitName: '南京芯创科技服务有限公司',
        uscc,
        cityOrgId: NANJING,
        contactName: '陈静',
        mobile: '13905141234',
        email: 'service@xinchuang-ic.example.cn',
        username: 'xinchuang',
        password: TEST_PASSWORD,
        ...(await registrationExtras(env().anonymous())),
      });
    expect(reg.statusCode, reg.body).toBe(200);
    const approved = await p.reviewer.post(`/api/registrations/${reg.json().registration.id}/actions/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const applicant = await env().login('xinchuang');

    // Draft: the applicant creates it and saves the example content.
    const created = await applicant.post('/api/applications', { batchId: batch.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ status: 'draft', version: 1, allowedActions: ['submit'] });
    const patched = await applicant.patch(`/api/applications/${id}`, { version: 1, ...contentFor(uscc) });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().version).toBe(2);
    expect((await detail(p.reviewer, id)).status).toBe('draft'); // the city sees it, but has nothing to do yet
    await expectAllowed(p.reviewer, id, 'draft', []);

    // Submit with the attachment-4 pledge: a snapshot, the pledge bound to its SHA-256.
    const sub = await act(applicant, id, 'submit', 'submitted', { pledge: examplePledge });
    expect(sub.allowedActions).toEqual(['withdraw']);
    expect(sub.snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sub.pledge).toMatchObject({ signerName: examplePledge.signerName, snapshotSha256: sub.snapshot.sha256 });
    expect(sub.number).toBeTruthy();

    // City review: recommend; a dispatch assembled by the reviewer, signed and sent by a second person.
    await expectAllowed(p.reviewer, id, 'submitted', ['return', 'decline', 'recommend']);
    await expectAllowed(p.approver, id, 'submitted', []);
    await act(p.reviewer, id, 'recommend', 'recommended');
    await expectAllowed(p.reviewer, id, 'recommended', ['unrecommend']);
    await expectAllowed(applicant, id, 'recommended', []);
    const draft = await p.reviewer.post('/api/dispatches', { applicationIds: [id], letter: '南京市科学技术局推荐函' });
    expect(draft.json().dispatch.allowedActions).toEqual(['edit']);
    const dispatchId = draft.json().dispatch.id;
    expect((await p.approver.get(`/api/dispatches/${dispatchId}`)).json().dispatch.allowedActions).toEqual([
      'send',
      'return',
    ]);
    const sent = await p.approver.post(`/api/dispatches/${dispatchId}/actions/send`, { pledge: CITY_PLEDGE });
    expect(sent.json().dispatch).toMatchObject({ status: 'sent', pledge: { signerName: CITY_PLEDGE.signerName } });
    await expectAllowed(p.reviewer, id, 'dispatched_to_province', []); // no unrecommend once sent

    // Acceptance: receive, two paper copies with the printed code, then accept.
    expect((await p.clerk.get(`/api/dispatches/${dispatchId}`)).json().dispatch.allowedActions).toEqual(['receive']);
    expect((await p.clerk.post(`/api/dispatches/${dispatchId}/actions/receive`, {})).json().dispatch.status).toBe(
      'received',
    );
    await expectAllowed(p.clerk, id, 'dispatched_to_province', ['request_correction']);
    const early = await p.clerk.post(`/api/applications/${id}/actions/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('纸质材料');
    const code = verificationCode(sub.snapshot.sha256);
    for (const n of [1, 2]) {
      const copy = await p.clerk.post(`/api/applications/${id}/paper-copies`, {
        count: 1,
        receivedOn: '2026-06-01',
        receivedBy: '康亚飞',
        code,
      });
      expect(copy.json().totals).toMatchObject({ count: n, complete: n === 2 });
    }
    await expectAllowed(p.clerk, id, 'dispatched_to_province', ['accept', 'request_correction']);
    await act(p.clerk, id, 'accept', 'accepted');

    // Province: recommend, then the province's dispatch to the Ministry, with four eyes: the officer
    // builds it, the 分管领导 (province_approver) signs the province's pledge and sends it.
    await expectAllowed(p.officer, id, 'accepted', ['province_recommend', 'province_decline', 'cancel_for_dishonesty']);
    await act(p.officer, id, 'province_recommend', 'province_recommended');
    await expectAllowed(p.officer, id, 'province_recommended', ['cancel_for_dishonesty']);
    const prov = await p.officer.post('/api/dispatches', { applicationIds: [id], letter: '江苏省科学技术厅推荐函' });
    expect(prov.json().dispatch).toMatchObject({ level: 'province', allowedActions: ['edit'] });
    const provId = prov.json().dispatch.id;
    expect(
      (await p.officer.post(`/api/dispatches/${provId}/actions/send`, { pledge: PROVINCE_PLEDGE })).statusCode,
    ).toBe(403);
    expect((await p.leader.get(`/api/dispatches/${provId}`)).json().dispatch.allowedActions).toEqual([
      'send',
      'return',
    ]);
    const provSent = await p.leader.post(`/api/dispatches/${provId}/actions/send`, { pledge: PROVINCE_PLEDGE });
    expect(provSent.json().dispatch).toMatchObject({
      status: 'sent',
      pledge: { signerName: PROVINCE_PLEDGE.signerName },
    });

    // Ministry: receive and file.
    await expectAllowed(p.ministry, id, 'dispatched_to_ministry', ['file', 'reject', 'cancel_for_dishonesty']);
    expect((await p.ministry.post(`/api/dispatches/${provId}/actions/receive`, {})).json().dispatch.status).toBe(
      'received',
    );
    await act(p.ministry, id, 'file', 'filed');
    await expectAllowed(p.ministry, id, 'filed', ['cancel_for_dishonesty']);

    // Publication: filed is public only once the Ministry publishes the batch's list.
    const anon = env().anonymous();
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}`)).json().total).toBe(0);
    const pub = await p.ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕1号',
      publishedOn: '2026-06-01',
    });
    expect(pub.json().publication).toMatchObject({ documentNo: '国科火字〔2026〕1号', count: 1 });
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}`)).json().total).toBe(1);
    await expectAllowed(applicant, id, 'filed', []);

    // The timeline tells the whole story, in order.
    const timeline = (await detail(applicant, id)).timeline as {
      action: string;
      fromStatus: string;
      toStatus: string;
    }[];
    expect(timeline.map((t) => [t.action, t.fromStatus, t.toStatus])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'submitted'],
      ['recommend', 'submitted', 'recommended'],
      ['dispatch_to_province', 'recommended', 'dispatched_to_province'],
      ['accept', 'dispatched_to_province', 'accepted'],
      ['province_recommend', 'accepted', 'province_recommended'],
      ['dispatch_to_ministry', 'province_recommended', 'dispatched_to_ministry'],
      ['file', 'dispatched_to_ministry', 'filed'],
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', 'in', [id, dispatchId, provId])
      .where('outcome', '=', 'success')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'application.create',
      'application.update',
      'application.submit',
      'application.recommend',
      'dispatch.create',
      'application.dispatch_to_province',
      'dispatch.send',
      'dispatch.receive',
      'paper_copy.register',
      'paper_copy.register',
      'application.accept',
      'application.province_recommend',
      'dispatch.create',
      'application.dispatch_to_ministry',
      'dispatch.send',
      'dispatch.receive',
      'application.file',
    ]);
    const published = await db.selectFrom('audit_log').select('action').where('target_id', '=', batch.id).execute();
    expect(published.map((a) => a.action)).toContain('publication.create');
  });

  it('withdrawn: the applicant withdraws a submission', async () => {
    const batch = await buildBatch(env().db);
    const s = await submitted(env, batch.id);
    await act(s.applicant, s.id, 'withdraw', 'withdrawn');
    await expectAllowed(s.applicant, s.id, 'withdrawn', ['reopen']);
  });

  it('declined: the city reviewer declines, with a comment', async () => {
    const batch = await buildBatch(env().db);
    const p = await cast(env);
    const s = await submitted(env, batch.id);
    const bare = await p.reviewer.post(`/api/applications/${s.id}/actions/decline`, {});
    expect(bare.statusCode).toBe(422);
    await act(p.reviewer, s.id, 'decline', 'declined', { comment: '不符合《工作指引》专业化要求' });
    const d = await expectAllowed(s.applicant, s.id, 'declined', []);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'decline', comment: '不符合《工作指引》专业化要求' });
  });

  it('province_declined: the province officer declines an accepted application', async () => {
    const batch = await buildBatch(env().db);
    const p = await cast(env);
    const s = await toAccepted(env, p, batch.id);
    await act(p.officer, s.id, 'province_decline', 'province_declined', { comment: '实地调研未达要求' });
    await expectAllowed(s.applicant, s.id, 'province_declined', []);
  });

  it('not_filed: the Ministry rejects', async () => {
    const batch = await buildBatch(env().db);
    const p = await cast(env);
    const s = await toDispatchedToMinistry(env, p, batch.id);
    await act(p.ministry, s.id, 'reject', 'not_filed', { comment: '材料评审未通过' });
    // The applicant learns the result when the Ministry publishes the batch's decisions.
    await expectAllowed(s.applicant, s.id, 'dispatched_to_ministry', []);
    const pub = await p.ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕2号',
      publishedOn: '2026-06-01',
    });
    expect(pub.json().publication.count).toBe(0);
    await expectAllowed(s.applicant, s.id, 'not_filed', []);
  });

  it('cancelled: cancellation for dishonesty writes a credit record against the USCC', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const p = await cast(env);
    const s = await toDispatchedToMinistry(env, p, batch.id);
    await act(p.ministry, s.id, 'file', 'filed');
    await act(p.ministry, s.id, 'cancel_for_dishonesty', 'cancelled', { comment: '申报材料弄虚作假' });
    await expectAllowed(s.applicant, s.id, 'cancelled', []);
    const records = await db.selectFrom('credit_records').selectAll().where('uscc', '=', s.unit.uscc).execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ application_id: s.id, unit_id: s.unit.id });
    expect(records[0]!.reason).toContain('申报材料弄虚作假');
  });

  it('the correction path: request_correction → return → resubmission → a supplementary dispatch; the old paper is outdated', async () => {
    const batch = await buildBatch(env().db);
    const p = await cast(env);
    const s = await submitted(env, batch.id);
    const other = await submitted(env, batch.id, '南京芯创二号集成电路专业化众创空间');
    for (const x of [s, other]) await act(p.reviewer, x.id, 'recommend', 'recommended');
    const first = await sendCityDispatch(p, [s.id, other.id]);
    expect(first.supplementary).toBe(false);
    expect((await p.clerk.post(`/api/dispatches/${first.id}/actions/receive`, {})).statusCode).toBe(200);
    const oldCode = verificationCode((await detail(p.clerk, s.id)).snapshot.sha256);
    // Both packages arrived on paper: with the printed code for one, checked by hand for the other.
    const copy = (id: string, body: object) =>
      p.clerk.post(`/api/applications/${id}/paper-copies`, { count: 2, receivedOn: '2026-06-01', ...body });
    expect((await copy(s.id, { code: oldCode })).json().totals.complete).toBe(true);
    expect((await copy(other.id, {})).json().totals.complete).toBe(true);

    // The formal check finds a problem: back to the city, which returns it to the applicant.
    await act(p.clerk, s.id, 'request_correction', 'correction_requested', { comment: '缺少运营主体盖章页' });
    await expectAllowed(p.reviewer, s.id, 'correction_requested', ['return', 'recommend']);
    await act(p.reviewer, s.id, 'return', 'returned', { comment: '请补充盖章页并更新材料' });
    const back = await expectAllowed(s.applicant, s.id, 'returned', ['submit']);
    const changed = contentFor(s.unit.uscc, '南京芯创集成电路设计专业化众创空间');
    expect(
      (await s.applicant.patch(`/api/applications/${s.id}`, { version: back.version, ...changed })).statusCode,
    ).toBe(200);
    const resub = await act(s.applicant, s.id, 'submit', 'submitted', { pledge: examplePledge });
    expect(resub.snapshot.seq).toBe(2);
    await act(p.reviewer, s.id, 'recommend', 'recommended');

    // The city sends it again: a supplementary dispatch.
    const second = await sendCityDispatch(p, [s.id], '南京市科学技术局补充推荐函');
    expect(second.supplementary).toBe(true);
    expect((await p.clerk.post(`/api/dispatches/${second.id}/actions/receive`, {})).statusCode).toBe(200);
    // The paper registered in the first round is of the old submission: it no longer counts.
    const earlier = (await p.clerk.get(`/api/applications/${s.id}/paper-copies`)).json();
    expect(earlier.items.map((x: { codeStatus: string }) => x.codeStatus)).toEqual(['outdated']);
    expect(earlier.totals).toMatchObject({ count: 0, flagged: 2, complete: false });
    expect(second.items[0].paperCopies).toEqual({ count: 0, flagged: 2 });
    const stale = await copy(s.id, { code: oldCode });
    expect(stale.json().paperCopy.codeStatus).toBe('outdated');
    expect(stale.json().totals.complete).toBe(false);
    const refused = await p.clerk.post(`/api/applications/${s.id}/actions/accept`, {});
    expect(refused.statusCode).toBe(409);
    const fresh = await copy(s.id, { code: verificationCode(resub.snapshot.sha256) });
    expect(fresh.json().paperCopy.codeStatus).toBe('match');
    await act(p.clerk, s.id, 'accept', 'accepted');

    // The other path out of correction_requested: the city recommends again directly.
    await act(p.clerk, other.id, 'request_correction', 'correction_requested', { comment: '纸质材料缺页' });
    await act(p.reviewer, other.id, 'recommend', 'recommended');
    // The first-round dispatch that once held it is sent, but it does not hold this recommendation.
    await expectAllowed(p.reviewer, other.id, 'recommended', ['unrecommend']);
    const third = await sendCityDispatch(p, [other.id], '南京市科学技术局补充推荐函（二）');
    expect(third.supplementary).toBe(true);
    expect(third.items[0].status).toBe('dispatched_to_province');
    // Same submission as before: the copies checked by hand in the first round still count.
    expect(third.items[0].paperCopies).toEqual({ count: 2, flagged: 0 });
    await act(p.clerk, other.id, 'accept', 'accepted');
  });
});
