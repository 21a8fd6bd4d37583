import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { orderByRanking } from '../../src/domain/letters.js';
import { remindExperts } from '../../src/server/notifications/expertReminders.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { expectError } from '../helpers/applications.js';
import { buildApplicant, buildApplication, buildBatch, buildProvinceOfficer, SUZHOU } from '../factories.js';
import { buildExpert, buildExpertUnit, CRITERIA_WEIGHTS } from '../helpers/experts.js';

const WUXI = 'city-320200';

/**
 * Issue 14 item 10, experts as the province runs the review: a value above the maximum refused, a
 * review deadline per assignment with reminders, drafts, the no-conflict declaration, assignment in
 * bulk matched by professional field; and the province's list defaulting to the expert ranking.
 */

const START = '2026-06-01T02:00:00.000Z';

/** Scores for the default criteria adding up to `total` (taken from the top criteria). */
function scoresTotalling(total: number) {
  let left = 100 - total;
  return Object.entries(CRITERIA_WEIGHTS).map(([key, w]) => {
    const off = Math.min(w, left);
    left -= off;
    return { key, score: w - off };
  });
}

async function expertIn(db: Db, cityOrgId: string, fields?: string[]) {
  const orgId = await buildExpertUnit(db, cityOrgId, `评审大学${randomUUID().slice(0, 4)}`);
  const user = await buildExpert(db, orgId);
  if (fields)
    await db
      .updateTable('users')
      .set({ expert_fields: JSON.stringify(fields) })
      .where('id', '=', user.id)
      .execute();
  return user;
}

async function acceptedApp(db: Db, batchId: string, mainFields: string[] = ['集成电路']) {
  const a = await buildApplicant(db);
  const app = await buildApplication(db, { batchId, unit: a.unit, status: 'accepted' });
  await db
    .updateTable('applications')
    .set({ main_fields: JSON.stringify(mainFields) })
    .where('id', '=', app.id)
    .execute();
  return app;
}

async function assign(officer: Client, applicationId: string, expertId: string, dueOn?: string) {
  const res = await officer.post('/api/expert-assignments', { applicationId, expertId, ...(dueOn ? { dueOn } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().assignment as { id: string; dueOn: string | null; allowedActions: string[] };
}

describeEachDb('issue 14 item 10: expert review', (env) => {
  afterEach(() => env().clock.set(START));

  it('scores wait for the no-conflict declaration; a draft keeps partial scores; a value above the maximum is refused', async () => {
    const db = env().db;
    env().clock.set(START);
    const batch = await buildBatch(db);
    const app = await acceptedApp(db, batch.id);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const user = await expertIn(db, SUZHOU);
    const expert = await env().login(user.username);
    const a = await assign(officer, app.id, user.id);
    const base = `/api/expert-assignments/${a.id}`;
    const comment = '专业化定位清晰';

    expect((await expert.get(base)).json().assignment.allowedActions).toEqual(['declare', 'decline']);
    expectError(
      await expert.post(`${base}/score`, { scores: scoresTotalling(80), comment }),
      409,
      'invalid_transition',
    );
    expectError(await expert.put(`${base}/draft`, { scores: [], comment: '' }), 409, 'invalid_transition');
    expectError(await expert.post(`${base}/declaration`, { agreed: false }), 422, 'validation_failed');
    expectError(await officer.post(`${base}/declaration`, { agreed: true }), 403, 'forbidden');
    const declared = await expert.post(`${base}/declaration`, { agreed: true });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().assignment).toMatchObject({
      declaredAt: START,
      allowedActions: ['save_draft', 'score', 'decline'],
    });

    // 25 on a criterion out of 20: refused with a message, in the draft and on submission; nothing stored.
    const over = [{ key: 'specialization', score: 25 }];
    const badDraft = await expert.put(`${base}/draft`, { scores: over, comment });
    expectError(badDraft, 422, 'validation_failed');
    expect(badDraft.json().error.details[0]).toEqual({
      path: 'scores.0.score',
      message: '“专业化领域聚焦”的得分不能超过权重 20 分',
    });
    const overAll = scoresTotalling(80).map((s) => (s.key === 'specialization' ? { ...s, score: 25 } : s));
    const badScore = await expert.post(`${base}/score`, { scores: overAll, comment });
    expectError(badScore, 422, 'validation_failed');
    expect(badScore.json().error.details[0].message).toContain('不能超过权重 20 分');
    expect((await expert.get(base)).json().assignment).toMatchObject({ draft: null, status: 'assigned' });

    // A partial draft is kept for the expert only, and cleared by the submission.
    const draft = await expert.put(`${base}/draft`, {
      scores: [{ key: 'specialization', score: 18.5 }],
      comment: '初步',
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().assignment.draft).toEqual({
      scores: [{ key: 'specialization', score: 18.5 }],
      comment: '初步',
      savedAt: START,
    });
    expect((await officer.get(base)).json().assignment.draft).toBeNull();
    const scored = await expert.post(`${base}/score`, { scores: scoresTotalling(80), comment });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().assignment).toMatchObject({ status: 'submitted', totalScore: 80, draft: null });
    expectError(await expert.put(`${base}/draft`, { scores: [], comment: '' }), 409, 'invalid_transition');
    const actions = await db.selectFrom('audit_log').select('action').where('action', 'like', 'expert.%').execute();
    expect(actions.map((x) => x.action)).toEqual(
      expect.arrayContaining(['expert.declare', 'expert.save_draft', 'expert.score']),
    );
  });

  it('a review deadline per assignment: set by the province, shown to the expert, reminded 7 days and 1 day before', async () => {
    const db = env().db;
    env().clock.set(START); // 2026-06-01 10:00 Beijing
    const batch = await buildBatch(db);
    const app = await acceptedApp(db, batch.id);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const user = await expertIn(db, SUZHOU);
    const expert = await env().login(user.username);
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: user.id, dueOn: '2026-06-31' }),
      422,
      'validation_failed',
    );
    const a = await assign(officer, app.id, user.id, '2026-06-20');
    expect(a.dueOn).toBe('2026-06-20');
    const note = await db.selectFrom('notifications').select('body').where('user_id', '=', user.id).execute();
    expect(note[0]!.body).toContain('2026-06-20');
    expectError(await expert.put(`/api/expert-assignments/${a.id}/due`, { dueOn: '2026-06-10' }), 403, 'forbidden');
    const moved = await officer.put(`/api/expert-assignments/${a.id}/due`, { dueOn: '2026-06-10' });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = (await expert.get(`/api/expert-assignments/${a.id}`)).json().assignment;
    expect(seen).toMatchObject({ dueOn: '2026-06-10', overdue: false });

    const reminders = async () =>
      (await db.selectFrom('notifications').select('kind').where('user_id', '=', user.id).execute()).map((n) => n.kind);
    expect(await remindExperts(db, env().clock.now())).toBe(0);
    env().clock.set('2026-06-04T02:00:00.000Z'); // within 7 days of 2026-06-10 24:00 Beijing
    expect(await remindExperts(db, env().clock.now())).toBe(1);
    expect(await remindExperts(db, env().clock.now())).toBe(0);
    env().clock.set('2026-06-10T02:00:00.000Z');
    expect(await remindExperts(db, env().clock.now())).toBe(1);
    expect(await reminders()).toEqual(expect.arrayContaining(['expert_assigned', 'reminder_7d', 'reminder_1d']));
    env().clock.set('2026-06-11T02:00:00.000Z');
    const later = await env().login(user.username);
    expect((await later.get(`/api/expert-assignments/${a.id}`)).json().assignment.overdue).toBe(true);
  });

  it('assigns in bulk: eligible experts only, matching professional field first, then the least loaded', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const chips = await acceptedApp(db, batch.id, ['集成电路']);
    const bio = await acceptedApp(db, batch.id, ['生物医药']);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const chipExpert = await expertIn(db, SUZHOU, ['集成电路设计']);
    const bioExpert = await expertIn(db, WUXI, ['生物医药']);
    const sameCity = await expertIn(db, 'city-320100', ['生物医药']); // Nanjing: same city as the applicants
    const other = await expertIn(db, SUZHOU, ['新材料']);
    const cand = (await officer.get(`/api/experts?applicationId=${bio.id}`)).json().items as {
      id: string;
      fields: string[];
      fieldMatch: boolean;
      eligible: boolean;
    }[];
    expect(cand.find((c) => c.id === bioExpert.id)).toMatchObject({
      fields: ['生物医药'],
      fieldMatch: true,
      eligible: true,
    });
    expect(cand.find((c) => c.id === sameCity.id)).toMatchObject({ fieldMatch: true, eligible: false });

    const res = await officer.post('/api/expert-assignments/bulk', {
      applicationIds: [chips.id, bio.id],
      perApplication: 1,
      dueOn: '2026-06-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json().created as { applicationId: string; expertId: string; fieldMatch: boolean }[];
    expect(created).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ applicationId: chips.id, expertId: chipExpert.id, fieldMatch: true }),
        expect.objectContaining({ applicationId: bio.id, expertId: bioExpert.id, fieldMatch: true }),
      ]),
    );
    expect(created).toHaveLength(2);
    const rows = await db
      .selectFrom('expert_assignments')
      .select(['expert_id', 'due_on'])
      .where('application_id', 'in', [chips.id, bio.id])
      .execute();
    expect(rows.every((r) => r.due_on === '2026-06-30')).toBe(true);
    expect(rows.map((r) => r.expert_id)).not.toContain(sameCity.id);

    // Only matching experts: the new-materials expert is not used for 生物医药; the shortfall is said.
    const more = await officer.post('/api/expert-assignments/bulk', {
      applicationIds: [bio.id],
      perApplication: 2,
      matchingOnly: true,
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({
      created: [],
      shortfalls: [{ applicationId: bio.id, assigned: 1, reason: '专业领域相符且无需回避的专家不足' }],
    });
    expect(
      (await db.selectFrom('expert_assignments').select('expert_id').execute()).map((r) => r.expert_id),
    ).not.toContain(other.id);
    expectError(
      await officer.post('/api/expert-assignments/bulk', { applicationIds: ['nope'], perApplication: 1 }),
      422,
      'validation_failed',
    );
    const expertClient = await env().login(other.username);
    expectError(
      await expertClient.post('/api/expert-assignments/bulk', { applicationIds: [bio.id], perApplication: 1 }),
      403,
      'forbidden',
    );
    // The expert keeps its own fields.
    expect((await expertClient.put('/api/experts/me/fields', { fields: [' 新材料 ', '新能源'] })).json()).toEqual({
      fields: ['新材料', '新能源'],
    });
    expect((await expertClient.get('/api/experts/me/fields')).json().fields).toEqual(['新材料', '新能源']);
    expectError(await officer.put('/api/experts/me/fields', { fields: [] }), 403, 'forbidden');
  });

  it('the province’s list to the Ministry starts in the expert ranking: the 89-point space before the 79-point one', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const user = await expertIn(db, SUZHOU);
    const expert = await env().login(user.username);
    // Created (and numbered) first, the 79-point space would lead a list in the order listed.
    const low = await acceptedApp(db, batch.id);
    const high = await acceptedApp(db, batch.id);
    for (const [app, total] of [
      [low, 79],
      [high, 89],
    ] as const) {
      const a = await assign(officer, app.id, user.id);
      await expert.post(`/api/expert-assignments/${a.id}/declaration`, { agreed: true });
      const res = await expert.post(`/api/expert-assignments/${a.id}/score`, {
        scores: scoresTotalling(total),
        comment: '评审意见',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const app of [low, high])
      await db.updateTable('applications').set({ status: 'province_recommended' }).where('id', '=', app.id).execute();

    const ranking = (await officer.get(`/api/batches/${batch.id}/ranking`)).json();
    const rankedIds = ranking.items.map((i: { application: { id: string } }) => i.application.id) as string[];
    expect(ranking.items.map((i: { averageScore: number }) => i.averageScore)).toEqual([89, 79]);
    // The builder's candidates (GET /api/applications, newest change first) put in the ranking's order.
    const listed = (await officer.get(`/api/applications?status=province_recommended&batchId=${batch.id}`)).json()
      .items as { id: string }[];
    expect(orderByRanking(listed, rankedIds).map((x) => x.id)).toEqual([high.id, low.id]);
    expect(orderByRanking([{ id: low.id }, { id: high.id }], rankedIds).map((x) => x.id)).toEqual([high.id, low.id]);
    // Built in that order, the list keeps it.
    const d = await officer.post('/api/dispatches', { applicationIds: [high.id, low.id] });
    expect(d.statusCode, d.body).toBe(200);
    const items = d.json().dispatch.items;
    expect(items.map((i: { applicationId: string; rank: number }) => [i.applicationId, i.rank])).toEqual([
      [high.id, 1],
      [low.id, 2],
    ]);
  });
});
