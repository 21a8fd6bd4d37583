import { afterEach, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/server/db/database.js';
import type { ApplicationStatus } from '../../src/domain/workflow.js';
import { describeEachDb, type TestEnv } from '../helpers/env.js';
import {
  act,
  completeApplication,
  expectError,
  PLEDGE as APPLICANT_PLEDGE,
  pdf,
  upload,
} from '../helpers/applications.js';
import { HAS_POPPLER, pageCount, pdfText } from '../helpers/documents.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceApprover,
  buildProvinceOfficer,
  NANJING,
  SUZHOU,
} from '../factories.js';

/**
 * Issue 14, the process as officials run it: the 推荐函 from the batch's data, the province's list
 * with four eyes and the approver's send-back, and publication as an act of its own.
 */

const START = '2026-06-01T02:00:00.000Z';
const PLEDGE = { signerName: '刘分管', agreed: true };
const squash = (s: string) => s.replace(/\s+/g, '');
const fileName = (res: LightMyRequestResponse) =>
  decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!);

async function apps(db: Db, batchId: string, n: number, status: ApplicationStatus) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = await buildApplicant(db, { cityOrgId: NANJING });
    out.push({ ...(await buildApplication(db, { batchId, unit: a.unit, status })), applicant: a });
  }
  return out;
}

const login = (env: () => TestEnv, u: { username: string }) => env().login(u.username);

describeEachDb('issue 14: 推荐函, province four eyes, send-back, publication', (env) => {
  afterEach(() => env().clock.set(START));

  it('the 推荐函 cites the batch’s notice, carries its own 文号 and contact, and is dated and named in Beijing time', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [a1, a2] = await apps(db, batch.id, 2, 'recommended');
    const reviewerUser = await buildCityReviewer(db);
    const reviewer = await login(env, reviewerUser);
    const bad = await reviewer.post('/api/dispatches', { applicationIds: [a1!.id], contactPhone: '12345' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('contactPhone');
    // No letter given: the server composes the body from the batch's notice title and 文号.
    const res = await reviewer.post('/api/dispatches', {
      applicationIds: [a2!.id, a1!.id],
      letterNo: '宁科函〔2026〕56号',
      contactName: '陈静',
      contactPhone: '025-83379768',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().dispatch;
    expect(d).toMatchObject({ letterNo: '宁科函〔2026〕56号', contactName: '陈静', contactPhone: '025-83379768' });
    expect(d.letter).toContain(
      '《关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知》（苏科高发〔2020〕174号）',
    );
    expect(d.letter.indexOf(a2!.spaceName)).toBeLessThan(d.letter.indexOf(a1!.spaceName));
    // The batch is the source: another notice, another citation.
    await db.updateTable('batches').set({ notice_no: '苏科高发〔2026〕9号' }).where('id', '=', batch.id).execute();
    const [a3] = await apps(db, batch.id, 1, 'recommended');
    const other = await reviewer.post('/api/dispatches', { applicationIds: [a3!.id] });
    expect(other.json().dispatch.letter).toContain('（苏科高发〔2026〕9号）');

    // 2026-06-05 20:30 UTC is 6月6日 04:30 in Beijing: the draft's file is named -06-06.
    env().clock.set('2026-06-05T20:30:00Z');
    const late = await login(env, reviewerUser);
    const pdf = await late.get(`/api/dispatches/${d.id}/letter.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(fileName(pdf)).toBe('南京市科学技术局-推荐函-2026-06-06.pdf');
    const docx = await late.get(`/api/dispatches/${d.id}/letter.docx`);
    expect(fileName(docx)).toBe('南京市科学技术局-推荐函-2026-06-06.docx');
    if (HAS_POPPLER) {
      const text = squash(pdfText(pdf.rawPayload, { raw: true }));
      expect(text).toContain('宁科函〔2026〕56号');
      expect(text).toContain('联系人：陈静');
      expect(text).toContain('联系电话：025-83379768');
      expect(text.split('江苏省科学技术厅：').length - 1).toBe(1);
    }
    // PATCH changes the 文号 and contact.
    const patched = await late.patch(`/api/dispatches/${d.id}`, {
      version: d.version,
      letterNo: '宁科函〔2026〕57号',
    });
    expect(patched.json().dispatch.letterNo).toBe('宁科函〔2026〕57号');
  });

  it('the province’s list: the officer builds, only the province approver signs with the pledge; the approver may send it back', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [p1, p2] = await apps(db, batch.id, 2, 'province_recommended');
    const officerUser = await buildProvinceOfficer(db);
    const officer = await login(env, officerUser);
    const approverUser = await buildProvinceApprover(db);
    const approver = await login(env, approverUser);
    const created = await officer.post('/api/dispatches', {
      applicationIds: [p1!.id, p2!.id],
      letterNo: '苏科高函〔2026〕3号',
    });
    expect(created.statusCode, created.body).toBe(200);
    const d = created.json().dispatch;
    expect(d).toMatchObject({ level: 'province', status: 'draft', allowedActions: ['edit'] });
    // The approver hears that a package waits for signature.
    const toSign = await db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', approverUser.id)
      .execute();
    expect(toSign).toEqual([{ kind: 'dispatch_to_sign', link: `/dispatches/${d.id}` }]);

    // The builder neither sends nor returns its own list (403); the approver returns it with a reason.
    expectError(await officer.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE }), 403, 'forbidden');
    expectError(await officer.post(`/api/dispatches/${d.id}/actions/return`, { comment: '改' }), 403, 'forbidden');
    const noReason = await approver.post(`/api/dispatches/${d.id}/actions/return`, { comment: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details[0].path).toBe('comment');
    const returned = await approver.post(`/api/dispatches/${d.id}/actions/return`, { comment: '排序请按专家评分调整' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().dispatch).toMatchObject({
      status: 'returned',
      returned: { comment: '排序请按专家评分调整', at: START },
      allowedActions: [],
    });
    const back = await db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', officerUser.id)
      .execute();
    expect(back).toMatchObject([{ kind: 'dispatch_returned' }]);
    expect(back[0]!.body).toContain('排序请按专家评分调整');
    // A returned list cannot be sent until its builder edits it, which puts it back to signature.
    expectError(
      await approver.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE }),
      409,
      'invalid_transition',
    );
    expect((await officer.get(`/api/dispatches/${d.id}`)).json().dispatch.allowedActions).toEqual(['edit']);
    const edited = await officer.patch(`/api/dispatches/${d.id}`, { version: 2, applicationIds: [p2!.id, p1!.id] });
    expect(edited.json().dispatch).toMatchObject({ status: 'draft', version: 3 });
    expect(
      (await db.selectFrom('notifications').select('kind').where('user_id', '=', approverUser.id).execute()).length,
    ).toBe(2);

    const sent = await approver.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE, version: 3 });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().dispatch).toMatchObject({ status: 'sent', pledge: { signerName: '刘分管' } });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('target_id', '=', d.id)
      .where('action', 'like', 'dispatch.%')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'dispatch.create', actor_role: 'province_officer' },
      { action: 'dispatch.return', actor_role: 'province_approver' },
      { action: 'dispatch.update', actor_role: 'province_officer' },
      { action: 'dispatch.send', actor_role: 'province_approver' },
    ]);
    // The province's pledge and 推荐函, as PDF and Word.
    for (const f of ['letter.pdf', 'letter.docx', 'pledge.pdf', 'pledge.docx']) {
      const res = await approver.get(`/api/dispatches/${d.id}/${f}`);
      expect(res.statusCode, f).toBe(200);
      expect(fileName(res)).toMatch(/^江苏省科学技术厅-/);
    }
  });

  it('publication: filed is not public until the Ministry publishes the batch’s list with its 文号 and date', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const [f1, f2, r1] = await apps(db, batch.id, 3, 'dispatched_to_ministry');
    const ministry = await login(env, await buildMinistryOfficer(db));
    expect((await act(ministry, f1!.id, 'file')).statusCode).toBe(200);
    expect((await act(ministry, f2!.id, 'file')).statusCode).toBe(200);
    expect((await act(ministry, r1!.id, 'reject', { comment: '专业化特色不突出' })).statusCode).toBe(200);
    const anon = env().anonymous();
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}`)).json().total).toBe(0);
    // The applicants hear nothing before publication.
    const heard = (unitUserId: string) =>
      db.selectFrom('notifications').select(['kind', 'body']).where('user_id', '=', unitUserId).execute();
    expect(await heard(f1!.applicant.id)).toEqual([]);
    // …and see their application still with the Ministry, the decision not in their timeline.
    const unit = await login(env, f1!.applicant);
    const before = (await unit.get(`/api/applications/${f1!.id}`)).json();
    expect(before.status).toBe('dispatched_to_ministry');
    expect(before.timeline.map((e: { action: string }) => e.action)).not.toContain('file');
    expect((await ministry.get(`/api/applications/${f1!.id}`)).json().status).toBe('filed');

    // Only the Ministry publishes; bad input is 422 and changes nothing.
    const officer = await login(env, await buildProvinceOfficer(db));
    const body = { documentNo: '国科火字〔2026〕180号', publishedOn: '2026-06-03' };
    expectError(await officer.post(`/api/batches/${batch.id}/publications`, body), 403, 'forbidden');
    const bad = await ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '',
      publishedOn: '2026-02-30',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.map((x: { path: string }) => x.path)
        .sort(),
    ).toEqual(['documentNo', 'publishedOn']);
    expectError(await ministry.post('/api/batches/nope/publications', body), 404, 'not_found');
    const preview = await ministry.get(`/api/batches/${batch.id}/publications/pending`);
    expect(preview.json()).toMatchObject({ total: 3, page: 1 });
    expect(preview.json().items).toHaveLength(3);
    expect((await ministry.get(`/api/batches/${batch.id}/publications`)).json().pendingCount).toBe(3);
    expectError(await officer.get(`/api/batches/${batch.id}/publications/pending`), 403, 'forbidden');

    const res = await ministry.post(`/api/batches/${batch.id}/publications`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      publication: { id: expect.any(String), documentNo: '国科火字〔2026〕180号', publishedOn: '2026-06-03', count: 2 },
    });
    const list = (await anon.get(`/api/public/filed?batchId=${batch.id}`)).json();
    expect(list.items.map((i: { spaceName: string }) => i.spaceName).sort()).toEqual(
      [f1!.spaceName, f2!.spaceName].sort(),
    );
    const after = (await unit.get(`/api/applications/${f1!.id}`)).json();
    expect(after.status).toBe('filed');
    expect(after.timeline.map((e: { action: string }) => e.action)).toContain('file');
    const filedNote = await heard(f1!.applicant.id);
    expect(filedNote).toMatchObject([{ kind: 'filed' }]);
    expect(filedNote[0]!.body).toContain('国科火字〔2026〕180号');
    const rejectedNote = await heard(r1!.applicant.id);
    expect(rejectedNote).toMatchObject([{ kind: 'not_filed' }]);
    expect(rejectedNote[0]!.body).toContain('专业化特色不突出');

    // Published once: nothing left is 409; a later decision goes into the next publication.
    expectError(await ministry.post(`/api/batches/${batch.id}/publications`, body), 409, 'invalid_transition');
    const [late] = await apps(db, batch.id, 1, 'dispatched_to_ministry');
    await act(ministry, late!.id, 'file');
    env().clock.set('2026-06-01T02:10:00Z');
    const second = await ministry.post(`/api/batches/${batch.id}/publications`, {
      ...body,
      documentNo: '补充〔2026〕1号',
    });
    expect(second.json().publication.count).toBe(1);
    expect((await anon.get(`/api/public/filed?batchId=${batch.id}`)).json().total).toBe(3);
    const history = (await ministry.get(`/api/batches/${batch.id}/publications`)).json();
    expect(history.items.map((p: { count: number }) => p.count)).toEqual([2, 1]);
    expect(history).toMatchObject({ total: 2, pendingCount: 0 });
    expect((await ministry.get(`/api/batches/${batch.id}/publications/pending`)).json()).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('required materials: the stamped attachment 2 and the signed attachment 4, named by kind; the signer checked against the 法人代表', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { requiredFileKinds: ['stamp_scan', 'pledge_scan'] });
    const u = await buildApplicant(db);
    const applicant = await login(env, u);
    const { id } = await completeApplication(applicant, batch.id, u.unit);
    // "下载打印": the page to print, sign and stamp, one part each, without the 草稿 watermark.
    for (const [part, heading] of [
      ['basic_info', '专业化众创空间基础信息表'],
      ['pledge', '申报单位信用承诺书'],
    ] as const) {
      const res = await applicant.get(`/api/applications/${id}/print/${part}.pdf`);
      expect(res.statusCode, part).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      if (HAS_POPPLER) {
        const text = squash(pdfText(res.rawPayload));
        expect(text).toContain(heading);
        expect(pageCount(res.rawPayload)).toBeLessThanOrEqual(part === 'pledge' ? 1 : 2);
      }
    }
    const stranger = await login(env, await buildCityReviewer(db, SUZHOU));
    expect((await stranger.get(`/api/applications/${id}/print/pledge.pdf`)).statusCode).toBe(404);
    const missing = await act(applicant, id, 'submit', { pledge: APPLICANT_PLEDGE });
    expect(missing.statusCode).toBe(422);
    const paths = missing.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['files.stamp_scan', 'files.pledge_scan']));
    for (const kind of ['stamp_scan', 'pledge_scan'])
      expect(
        (await upload(applicant, id, { name: `${kind}.pdf`, data: pdf(), type: 'application/pdf' }, kind)).statusCode,
      ).toBe(201);

    // Signed by someone other than the 法人代表 (王建国): a warning to confirm, then recorded.
    const other = await act(applicant, id, 'submit', { pledge: { signerName: '李授权', agreed: true } });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details).toEqual([
      { path: 'pledge.signerMismatchConfirmed', message: expect.stringContaining('法人代表“王建国”') },
    ]);
    const ok = await act(applicant, id, 'submit', {
      pledge: { signerName: '李授权', agreed: true, signerMismatchConfirmed: true },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const pledge = await db
      .selectFrom('pledges')
      .select(['signer_name', 'signer_mismatch_confirmed'])
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(pledge).toEqual({ signer_name: '李授权', signer_mismatch_confirmed: 1 });
    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('target_id', '=', id)
      .where('action', '=', 'application.submit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.summary)).toMatchObject({ pledgeSignerNotLegalRepresentativeConfirmed: true });
  });
});
