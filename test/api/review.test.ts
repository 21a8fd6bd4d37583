import { expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../../src/domain/schemas/checklistLevels.js';
import { CRITERIA_TOTAL_WEIGHT, DEFAULT_INTEGRITY_TEXT } from '../../src/domain/schemas/review.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { act, applicationState, expectError } from '../helpers/applications.js';
import {
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';

const configUrl = (batchId: string) => `/api/batches/${batchId}/review-config`;

/** The configuration as a client reads it. */
async function readConfig(c: Client, batchId: string) {
  const res = await c.get(configUrl(batchId));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().config;
}

/** A save body from a configuration read (everything as it is). */
const saveBody = (cfg: {
  version: number;
  checklist: { key: string; label: string }[];
  integrity: { text: string };
  criteria: { key: string; label: string; weight: number }[];
  sameCityRecusal: boolean;
}) => ({
  version: cfg.version,
  checklist: cfg.checklist,
  integrityText: cfg.integrity.text,
  criteria: cfg.criteria,
  sameCityRecusal: cfg.sameCityRecusal,
});

/** The province officer replaces the integrity text; answers the text's new version. */
async function enterOfficialText(officer: Client, batchId: string, text: string): Promise<number> {
  const res = await officer.put(configUrl(batchId), {
    ...saveBody(await readConfig(officer, batchId)),
    integrityText: text,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (await readConfig(officer, batchId)).integrity.version as number;
}

describeEachDb('review configuration, integrity acknowledgement and the review checklist', (env) => {
  it('applies the defaults until the province saves its own: checklist, integrity placeholder, criteria summing to 100', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await env().login((await buildCityReviewer(db, NANJING, { acknowledged: false })).username);
    const cfg = await readConfig(reviewer, batch.id);
    expect(cfg).toMatchObject({
      batchId: batch.id,
      provinceId: 'prov-320000',
      isDefault: true,
      version: 0,
      sameCityRecusal: true,
      canEdit: false,
      acknowledgement: { required: true, acknowledgedAt: null },
      integrity: { version: 1 },
    });
    expect(cfg.checklist.map((c: { label: string }) => c.label)).toEqual(DEFAULT_CHECKLIST.map((c) => c.label));
    expect(cfg.checklist.map((c: { label: string }) => c.label)).toContain('申报材料真实、准确、完整');
    expect(cfg.criteria.map((c: { label: string }) => c.label)).toEqual([
      '专业化领域聚焦',
      '服务平台与能力',
      '创业导师与投融资',
      '孵化成效',
      '建设主体支撑',
      '发展目标与保障',
    ]);
    expect(cfg.criteria.reduce((s: number, c: { weight: number }) => s + c.weight, 0)).toBe(CRITERIA_TOTAL_WEIGHT);
    // The texts of 六项承诺 / 八个严禁 could not be found: the default says so.
    expect(cfg.integrity.title).toContain('六项承诺');
    expect(cfg.integrity.text).toContain('待补充正式文本');
    expect(cfg.integrity.text).toContain('八个严禁');

    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect(await readConfig(officer, batch.id)).toMatchObject({ canEdit: true, acknowledgement: { required: false } });
    // Applicants do not read it; another province does not exist for Jiangsu's officer; an unknown batch is 404.
    const applicant = await env().login((await buildApplicant(db)).username);
    expectError(await applicant.get(configUrl(batch.id)), 403, 'forbidden');
    expectError(await officer.get(`${configUrl(batch.id)}?provinceId=prov-330000`), 404, 'not_found');
    expectError(await officer.get(configUrl('no-such-batch')), 404, 'not_found');
  });

  it('the province officer (or the system administrator) saves it by version; keys are given; weights must sum to 100', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const cfg = await readConfig(officer, batch.id);

    const badWeights = await officer.put(configUrl(batch.id), {
      ...saveBody(cfg),
      criteria: [{ label: '专业化领域聚焦', weight: 60 }],
    });
    expectError(badWeights, 422, 'validation_failed');
    expect(badWeights.json().error.details[0].message).toContain('之和应为 100');
    // City staff cannot change it.
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(await reviewer.put(configUrl(batch.id), saveBody(cfg)), 403, 'forbidden');
    expect(await db.selectFrom('review_configs').selectAll().execute()).toHaveLength(0);

    const saved = await officer.put(configUrl(batch.id), {
      ...saveBody(cfg),
      checklist: [...cfg.checklist, { label: '场地照片与现场情况一致' }],
      criteria: [
        { key: 'specialization', label: '专业化领域聚焦', weight: 50 },
        { label: '孵化成效', weight: 50 },
      ],
      sameCityRecusal: false,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const s = saved.json().config;
    expect(s).toMatchObject({ isDefault: false, version: 1, sameCityRecusal: false, integrity: { version: 1 } });
    expect(s.checklist.at(-1)).toEqual({ key: 'item_1', label: '场地照片与现场情况一致' });
    expect(s.criteria.map((c: { key: string }) => c.key)).toEqual(['specialization', 'criterion_1']);
    expect(s.updatedByName).toMatch(/测试用户/);

    // A stale version changes nothing.
    const stale = await officer.put(configUrl(batch.id), { ...saveBody(s), version: 0, sameCityRecusal: true });
    expectError(stale, 409, 'version_conflict');
    expect((await readConfig(officer, batch.id)).sameCityRecusal).toBe(false);

    // A new integrity text gets a new version; the system administrator of the province may save too.
    const admin = await env().login((await buildAdmin(db, 'system_admin')).username);
    const again = await admin.put(configUrl(batch.id), {
      ...saveBody(s),
      integrityText: '正式文本：六项承诺……八个严禁……',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().config).toMatchObject({ version: 2, integrity: { version: 2 } });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'review_config.update')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.summary)).toMatchObject({ integrityVersion: 2, integrityChanged: true });
  });

  it('refuses return, decline and recommend until the reviewer acknowledged the integrity rules (and again after the text changes)', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' });
    const reviewerUser = await buildCityReviewer(db, NANJING, { acknowledged: false });
    const reviewer = await env().login(reviewerUser.username);

    // The actions are offered (like submit while editing) and refused with the reason.
    expect((await reviewer.get(`/api/applications/${app.id}`)).json().allowedActions).toEqual([
      'return',
      'decline',
      'recommend',
    ]);
    const before = await applicationState(db, app.id);
    for (const action of ['return', 'decline', 'recommend']) {
      const res = await act(reviewer, app.id, action, { comment: '意见' });
      expectError(res, 403, 'forbidden');
      expect(res.json().error.message).toContain('六项承诺');
      expect(res.json().error.details).toEqual([{ path: 'acknowledgement', message: res.json().error.message }]);
    }
    expect(await applicationState(db, app.id)).toEqual(before);
    expect(await db.selectFrom('notifications').selectAll().execute()).toHaveLength(0);

    // While the integrity text is the placeholder nobody can acknowledge it, so the review cannot begin.
    const url = `/api/batches/${batch.id}/acknowledgements`;
    expect((await readConfig(reviewer, batch.id)).integrity).toMatchObject({ version: 1, placeholder: true });
    const refused = await reviewer.post(url, { textVersion: 1 });
    expectError(refused, 409, 'conflict');
    expect(refused.json().error.message).toContain('尚未录入');
    const mine = () =>
      db.selectFrom('integrity_acknowledgements').selectAll().where('user_id', '=', reviewerUser.id).execute();
    expect(await mine()).toHaveLength(0);
    expectError(await act(reviewer, app.id, 'recommend'), 403, 'forbidden');

    // The province enters the official text (version 2): it can be acknowledged.
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect(await enterOfficialText(officer, batch.id, '六项承诺与八个严禁的正式条文')).toBe(2);
    expect((await readConfig(reviewer, batch.id)).integrity).toMatchObject({ version: 2, placeholder: false });

    // Acknowledging an outdated version is refused; the current one is stored and audited once.
    expectError(await reviewer.post(url, { textVersion: 1 }), 409, 'conflict');
    const ack = await reviewer.post(url, { textVersion: 2 });
    expect(ack.statusCode, ack.body).toBe(201);
    expect(ack.json().acknowledgement).toMatchObject({
      batchId: batch.id,
      provinceId: 'prov-320000',
      textVersion: 2,
      acknowledgedAt: env().clock.now().toISOString(),
    });
    expect((await reviewer.post(url, { textVersion: 2 })).statusCode).toBe(200);
    const rows = await db
      .selectFrom('integrity_acknowledgements')
      .selectAll()
      .where('user_id', '=', reviewerUser.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audits = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'integrity.acknowledge')
      .where('actor_id', '=', reviewerUser.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.summary)).toMatchObject({ textVersion: 2 });
    expect((await readConfig(reviewer, batch.id)).acknowledgement.acknowledgedAt).toBe(rows[0]!.acknowledged_at);

    const rec = await act(reviewer, app.id, 'recommend');
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json().status).toBe('recommended');

    // The province amends the text: the next review waits for a new acknowledgement.
    expect(await enterOfficialText(officer, batch.id, '六项承诺与八个严禁的正式条文（修订）')).toBe(3);
    const other = await buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit });
    expectError(await act(reviewer, other.id, 'recommend'), 403, 'forbidden');
    expect((await reviewer.post(url, { textVersion: 3 })).statusCode).toBe(201);
    expect((await act(reviewer, other.id, 'recommend')).statusCode).toBe(200);
  });

  it('the province is told that the placeholder blocks the review; putting the placeholder back blocks it again', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const reviewerUser = await buildCityReviewer(db, NANJING, { acknowledged: false });
    const reviewer = await env().login(reviewerUser.username);
    expect((await readConfig(officer, batch.id)).integrity.placeholder).toBe(true);
    const version = await enterOfficialText(officer, batch.id, '六项承诺与八个严禁的正式条文');
    expect((await readConfig(officer, batch.id)).integrity.placeholder).toBe(false);
    // Saving the placeholder again (e.g. restoring the default by hand) makes it unacknowledgeable again.
    const cfg = await readConfig(officer, batch.id);
    const back = await officer.put(configUrl(batch.id), { ...saveBody(cfg), integrityText: DEFAULT_INTEGRITY_TEXT });
    expect(back.statusCode, back.body).toBe(200);
    const now = await readConfig(reviewer, batch.id);
    expect(now.integrity).toMatchObject({ version: version + 1, placeholder: true });
    expectError(
      await reviewer.post(`/api/batches/${batch.id}/acknowledgements`, { textVersion: version + 1 }),
      409,
      'conflict',
    );
    expect(
      await db.selectFrom('integrity_acknowledgements').selectAll().where('user_id', '=', reviewerUser.id).execute(),
    ).toHaveLength(0);
  });

  it('four eyes still hold: a reviewer-approver who acknowledged and assembled a dispatch cannot send it', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const app = await buildApplication(db, {
      batchId: batch.id,
      unit: (await buildApplicant(db)).unit,
      status: 'recommended',
    });
    const both = await env().login(
      (await buildUser(db, { roles: ['city_reviewer', 'city_approver'], orgId: NANJING })).username,
    );
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const version = await enterOfficialText(officer, batch.id, '六项承诺与八个严禁的正式条文');
    expect((await both.post(`/api/batches/${batch.id}/acknowledgements`, { textVersion: version })).statusCode).toBe(
      201,
    );
    const d = await both.post('/api/dispatches', { applicationIds: [app.id], letter: '推荐函' });
    expect(d.statusCode, d.body).toBe(200);
    const own = await both.post(`/api/dispatches/${d.json().dispatch.id}/actions/send`, {
      pledge: { signerName: '周建华', agreed: true },
    });
    expectError(own, 403, 'forbidden');
    expect(
      (await db.selectFrom('applications').select('status').where('id', '=', app.id).executeTakeFirst())!.status,
    ).toBe('recommended');
  });

  it('the reviewer ticks the checklist and notes; the approver and the province read it; nobody else writes it', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' });
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const url = `/api/applications/${app.id}/review-checklist`;

    const empty = (await reviewer.get(url)).json().checklist;
    expect(empty).toMatchObject({ applicationId: app.id, version: 0, editable: true, reviewerName: null });
    expect(empty.items).toHaveLength(DEFAULT_CHECKLIST.length);
    expect(empty.items.every((i: { checked: boolean }) => !i.checked)).toBe(true);

    const saved = await reviewer.put(url, {
      version: 0,
      items: [
        { key: 'materials_true', checked: true, note: '与营业执照核对一致' },
        { key: 'name_format', checked: true },
      ],
      comment: '材料真实，建议推荐',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const c = saved.json().checklist;
    expect(c).toMatchObject({ version: 1, comment: '材料真实，建议推荐' });
    expect(c.items[0]).toEqual({
      key: 'materials_true',
      label: '申报材料真实、准确、完整',
      checked: true,
      note: '与营业执照核对一致',
    });
    expect(c.items.filter((i: { checked: boolean }) => i.checked)).toHaveLength(2);

    // Refusals: stale version, unknown item, the approver writing, the applicant reading, another city.
    expectError(await reviewer.put(url, { version: 0, items: [] }), 409, 'version_conflict');
    expectError(
      await reviewer.put(url, { version: 1, items: [{ key: 'no_such_item', checked: true }] }),
      422,
      'validation_failed',
    );
    const approver = await env().login((await buildCityApprover(db)).username);
    const seen = (await approver.get(url)).json().checklist;
    expect(seen).toMatchObject({ version: 1, editable: false, comment: '材料真实，建议推荐' });
    expectError(await approver.put(url, { version: 1, items: [] }), 403, 'forbidden');
    const applicant = await env().login(a.username);
    expectError(await applicant.get(url), 403, 'forbidden');
    const szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
    expectError(await szReviewer.get(url), 404, 'not_found');
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect((await officer.get(url)).json().checklist.version).toBe(1);
    expect((await reviewer.get(url)).json().checklist.version).toBe(1);

    // Once recommended, the city review is over: the checklist is kept but no longer changes.
    expect((await act(reviewer, app.id, 'recommend')).statusCode).toBe(200);
    expectError(await reviewer.put(url, { version: 1, items: [] }), 409, 'invalid_transition');
    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'review_checklist.save')
      .where('target_id', '=', app.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary).checked).toEqual(['materials_true', 'name_format']);
  });
});
