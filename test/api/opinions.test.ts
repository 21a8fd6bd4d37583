import { afterEach, expect, it } from 'vitest';
import { DEFAULT_ACCEPTANCE_CHECKLIST } from '../../src/domain/schemas/checklistLevels.js';
import { describeEachDb, type TestEnv } from '../helpers/env.js';
import { act, completeContent, expectError, PLEDGE as APPLICANT_PLEDGE, pdf, upload } from '../helpers/applications.js';
import { HAS_POPPLER, pdfText } from '../helpers/documents.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
} from '../factories.js';

/**
 * Issue 14, items 6 and 7: opinions at every decision (报送 included) in the history and on the
 * 审核意见表; the acceptance centre's 形式审查 checklist and 接收登记; a resubmission shows what
 * changed and its previous round's ticks must be confirmed again.
 */

const START = '2026-06-01T02:00:00.000Z';
const PLEDGE = { signerName: '王审核', agreed: true };
const squash = (s: string) => s.replace(/\s+/g, '');
const login = (env: () => TestEnv, u: { username: string }) => env().login(u.username);

describeEachDb('issue 14 items 6–7: opinions, 形式审查, 接收登记, resubmission changes', (env) => {
  afterEach(() => env().clock.set(START));

  it('opinions: optional on 推荐, required on negative decisions, recorded at 报送 and shown in the history', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' });
    const other = await buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit });
    const reviewer = await login(env, await buildCityReviewer(db));
    const declined = await act(reviewer, other.id, 'decline', { comment: '  ' });
    expectError(declined, 422, 'validation_failed');
    expect(declined.json().error.details[0].path).toBe('comment');
    expect((await act(reviewer, app.id, 'recommend', { comment: '材料真实，同意推荐' })).statusCode).toBe(200);
    expect((await act(reviewer, other.id, 'recommend')).statusCode).toBe(200); // no opinion: fine

    const created = await reviewer.post('/api/dispatches', { applicationIds: [app.id, other.id] });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().dispatch.id;
    const approver = await login(env, await buildCityApprover(db));
    const sent = await approver.post(`/api/dispatches/${id}/actions/send`, {
      pledge: PLEDGE,
      opinion: '经审核，同意报送省科技厅',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().dispatch.sendOpinion).toBe('经审核，同意报送省科技厅');
    const timeline = (await reviewer.get(`/api/applications/${app.id}`)).json().timeline as {
      action: string;
      comment: string | null;
    }[];
    expect(timeline.find((e) => e.action === 'recommend')?.comment).toBe('材料真实，同意推荐');
    expect(timeline.find((e) => e.action === 'dispatch_to_province')?.comment).toBe('经审核，同意报送省科技厅');
    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'dispatch.send')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.summary).opinion).toBe('经审核，同意报送省科技厅');
  });

  it('the acceptance centre has its own 形式审查 checklist, configurable by the province', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'dispatched_to_province' });
    const clerk = await login(env, await buildAcceptanceClerk(db));
    const url = `/api/applications/${app.id}/acceptance-checklist`;
    const first = (await clerk.get(url)).json().checklist;
    expect(first).toMatchObject({ level: 'acceptance', version: 0, editable: true, previousItems: null });
    expect(first.items.map((i: { label: string }) => i.label)).toEqual(
      DEFAULT_ACCEPTANCE_CHECKLIST.map((i) => i.label),
    );

    // The province configures it like the city's checklist.
    const officer = await login(env, await buildProvinceOfficer(db));
    const cfg = (await officer.get(`/api/batches/${batch.id}/review-config`)).json().config;
    expect(cfg.acceptanceChecklist).toHaveLength(DEFAULT_ACCEPTANCE_CHECKLIST.length);
    const saved = await officer.put(`/api/batches/${batch.id}/review-config`, {
      version: cfg.version,
      checklist: cfg.checklist,
      integrityText: cfg.integrity.text,
      criteria: cfg.criteria,
      sameCityRecusal: cfg.sameCityRecusal,
      acceptanceChecklist: [{ key: 'letter_stamped', label: '推荐函已盖章' }, { label: '光盘电子版可读' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().config.acceptanceChecklist).toEqual([
      { key: 'letter_stamped', label: '推荐函已盖章' },
      { key: 'formal_1', label: '光盘电子版可读' },
    ]);

    const put = await clerk.put(url, {
      version: 0,
      items: [
        { key: 'letter_stamped', checked: true },
        { key: 'formal_1', checked: false, note: '光盘无法读取，已电话告知' },
      ],
      comment: '推荐函齐全',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().checklist.items).toEqual([
      { key: 'letter_stamped', label: '推荐函已盖章', checked: true, note: null },
      { key: 'formal_1', label: '光盘电子版可读', checked: false, note: '光盘无法读取，已电话告知' },
    ]);
    // The city's checklist is a different one; only the acceptance centre writes this one.
    const reviewer = await login(env, await buildCityReviewer(db));
    expect((await reviewer.get(`/api/applications/${app.id}/review-checklist`)).json().checklist.version).toBe(0);
    expectError(await reviewer.put(url, { version: 1, items: [] }), 403, 'forbidden');
    expectError(await (await login(env, a)).get(url), 403, 'forbidden');
    expectError(
      await clerk.put(url, { version: 1, items: [{ key: 'name_format', checked: true }] }),
      422,
      'validation_failed',
    );
    // Once accepted or sent back for correction, the 形式审查 is over.
    expect((await act(clerk, app.id, 'request_correction', { comment: '请补充盖章页' })).statusCode).toBe(200);
    expectError(await clerk.put(url, { version: 1, items: [] }), 409, 'invalid_transition');
  });

  it('接收登记 records how the package arrived and what it contained; lateness is the server’s finding', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { cityDeadline: '2026-06-10T09:00:00Z' });
    const reviewer = await login(env, await buildCityReviewer(db));
    const approver = await login(env, await buildCityApprover(db));
    const clerk = await login(env, await buildAcceptanceClerk(db));
    const send = async () => {
      const app = await buildApplication(db, {
        batchId: batch.id,
        unit: (await buildApplicant(db)).unit,
        status: 'recommended',
      });
      const d = (await reviewer.post('/api/dispatches', { applicationIds: [app.id] })).json().dispatch;
      expect((await approver.post(`/api/dispatches/${d.id}/actions/send`, { pledge: PLEDGE })).statusCode).toBe(200);
      return d.id as string;
    };
    const onTime = await send();
    const arrival = {
      method: 'confidential_exchange',
      electronicCopies: 1,
      paperCopies: 2,
      letter: true,
      pledge: true,
    };
    const bad = await clerk.post(`/api/dispatches/${onTime}/actions/receive`, {
      arrival: { ...arrival, method: 'fax' },
    });
    expectError(bad, 422, 'validation_failed');
    const future = await clerk.post(`/api/dispatches/${onTime}/actions/receive`, {
      arrival: { ...arrival, arrivedAt: '2026-06-05T00:00:00Z' },
    });
    expectError(future, 422, 'validation_failed');
    const got = await clerk.post(`/api/dispatches/${onTime}/actions/receive`, {
      arrival: { ...arrival, note: '封面完好' },
    });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().dispatch.arrival).toEqual({
      method: 'confidential_exchange',
      methodLabel: '机要交换',
      electronicCopies: 1,
      paperCopies: 2,
      letter: true,
      pledge: true,
      note: '封面完好',
      late: false,
    });

    const lateOne = await send();
    env().clock.set('2026-06-12T02:00:00.000Z'); // after the city → province deadline
    const clerkLater = await login(env, await buildAcceptanceClerk(db));
    const late = await clerkLater.post(`/api/dispatches/${lateOne}/actions/receive`, {
      arrival: { ...arrival, method: 'post', letter: false },
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().dispatch.arrival).toMatchObject({ methodLabel: '邮寄', letter: false, late: true });
    const list = (await clerkLater.get(`/api/dispatches?batchId=${batch.id}`)).json().items as {
      id: string;
      arrival: { late: boolean; methodLabel: string };
    }[];
    expect(list.find((d) => d.id === lateOne)?.arrival).toMatchObject({ late: true, methodLabel: '邮寄' });
    expect(list.find((d) => d.id === onTime)?.arrival).toMatchObject({ late: false, methodLabel: '机要交换' });
  });

  it('审核意见表: a PDF per application and level, with the checklist and the opinions; not for the applicant', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' });
    const reviewer = await login(env, await buildCityReviewer(db));
    await reviewer.put(`/api/applications/${app.id}/review-checklist`, {
      version: 0,
      items: [{ key: 'materials_true', checked: true, note: '已核对营业执照' }],
      comment: '材料真实',
    });
    expect((await act(reviewer, app.id, 'recommend', { comment: '同意推荐，排名第一' })).statusCode).toBe(200);
    const url = (level: string) => `/api/applications/${app.id}/opinion-form.pdf?level=${level}`;
    const res = await reviewer.get(url('city'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('审核意见表');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (HAS_POPPLER) {
      const text = squash(pdfText(res.rawPayload));
      for (const s of [
        '国家专业化众创空间备案申报审核意见表',
        '设区市科技局审核意见',
        '申报材料真实、准确、完整',
        '已核对营业执照',
        '同意推荐，排名第一',
        '推荐',
        app.spaceName,
      ])
        expect(text).toContain(squash(s));
      const empty = squash(pdfText((await reviewer.get(url('province'))).rawPayload));
      expect(empty).toContain('本级尚无审核决定');
    }
    expectError(await reviewer.get(url('nation')), 422, 'validation_failed');
    expectError(await (await login(env, a)).get(url('city')), 403, 'forbidden');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'download.opinion_form')
      .where('target_id', '=', app.id)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('a resubmission shows the fields, sections and files changed; the ticks of 上一轮 must be confirmed again', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const applicant = await login(env, a);
    const id = (await applicant.post('/api/applications', { batchId: batch.id })).json().id as string;
    const first = await upload(applicant, id, { name: '场地证明.pdf', data: pdf(), type: 'application/pdf' });
    expect(first.statusCode, first.body).toBeLessThan(300);
    const content = completeContent(a.unit);
    let view = (await applicant.get(`/api/applications/${id}`)).json();
    expect((await applicant.patch(`/api/applications/${id}`, { version: view.version, ...content })).statusCode).toBe(
      200,
    );
    expect((await act(applicant, id, 'submit', { pledge: APPLICANT_PLEDGE })).statusCode).toBe(200);

    const reviewer = await login(env, await buildCityReviewer(db));
    const checklistUrl = `/api/applications/${id}/review-checklist`;
    await reviewer.put(checklistUrl, {
      version: 0,
      items: [
        { key: 'materials_true', checked: true },
        { key: 'name_format', checked: true, note: '名称规范' },
      ],
    });
    expect((await reviewer.get(`/api/applications/${id}/changes`)).json().changes).toMatchObject({ returned: null });
    expect((await act(reviewer, id, 'return', { comment: '请补充运营主体地址并更新附件' })).statusCode).toBe(200);
    const waiting = (await reviewer.get(`/api/applications/${id}/changes`)).json().changes;
    expect(waiting).toMatchObject({ resubmitted: false, returned: { comment: '请补充运营主体地址并更新附件' } });

    view = (await applicant.get(`/api/applications/${id}`)).json();
    const changed = structuredClone(content) as typeof content & { narrative: Record<string, unknown> };
    const oldName = content.basicInfo.operatorName;
    changed.basicInfo.operatorName = `${oldName}（新）`;
    changed.narrative.goalsAndTasks = '<p>未来三年服务 120 家企业，新增孵化基金 5000 万元。</p>';
    expect((await applicant.patch(`/api/applications/${id}`, { version: view.version, ...changed })).statusCode).toBe(
      200,
    );
    expect(
      (await upload(applicant, id, { name: '补充说明.pdf', data: pdf(), type: 'application/pdf' })).statusCode,
    ).toBeLessThan(300);
    const resubmit = await act(applicant, id, 'submit', { pledge: APPLICANT_PLEDGE });
    expect(resubmit.statusCode, resubmit.body).toBe(200);

    const changes = (await reviewer.get(`/api/applications/${id}/changes`)).json().changes;
    expect(changes).toMatchObject({ resubmitted: true, returned: { snapshotSeq: 1 }, current: { snapshotSeq: 2 } });
    expect(changes.fields).toContainEqual({
      path: 'basicInfo.operatorName',
      label: expect.any(String),
      before: oldName,
      after: `${oldName}（新）`,
    });
    const section = changes.sections.find((s: { key: string }) => s.key === 'goalsAndTasks');
    expect(section.after).toContain('120 家企业');
    expect(section.before).not.toContain('120 家企业');
    expect(changes.files).toHaveLength(1);
    expect(changes.files[0]).toMatchObject({ kind: 'other', change: 'replaced' });
    expect(changes.files[0].before.map((f: { fileName: string }) => f.fileName)).toEqual(['场地证明.pdf']);
    expect(changes.files[0].after.map((f: { fileName: string }) => f.fileName)).toContain('补充说明.pdf');
    expectError(await applicant.get(`/api/applications/${id}/changes`), 403, 'forbidden');

    // The checklist starts a new round: last round's ticks shown, nothing ticked, 推荐 waits.
    const round = (await reviewer.get(checklistUrl)).json().checklist;
    expect(round.items.every((i: { checked: boolean }) => !i.checked)).toBe(true);
    expect(
      round.previousItems.filter((i: { checked: boolean }) => i.checked).map((i: { key: string }) => i.key),
    ).toEqual(['materials_true', 'name_format']);
    expect(round.pendingReconfirmation).toEqual(['materials_true', 'name_format']);
    const detail = (await reviewer.get(`/api/applications/${id}`)).json();
    expect(detail.allowedActions).not.toContain('recommend');
    const early = await act(reviewer, id, 'recommend');
    expectError(early, 409, 'invalid_transition');
    expect(early.json().error.message).toContain('上一轮');
    const confirmed = await reviewer.put(checklistUrl, {
      version: round.version,
      items: [
        { key: 'materials_true', checked: true },
        { key: 'name_format', checked: true },
      ],
    });
    expect(confirmed.json().checklist.pendingReconfirmation).toEqual([]);
    expect((await act(reviewer, id, 'recommend', { comment: '修改到位，同意推荐' })).statusCode).toBe(200);
  });
});
