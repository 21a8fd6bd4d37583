import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { act, expectError } from '../helpers/applications.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildProvinceOfficer,
  buildUser,
  NANJING,
  SUZHOU,
} from '../factories.js';
import { assign, buildExpert, buildExpertUnit, countAssignments, declare, scoresAt } from '../helpers/experts.js';

describeEachDb('experts: assignment with recusal, scoping, scoring, field visits and ranking', (env) => {
  it('refuses an expert who declared a conflict, belongs to the unit, or (by default) comes from the same city — 422 with the reason', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db); // a Nanjing unit
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'accepted' });
    const officer = await env().login((await buildProvinceOfficer(db)).username);

    const suzhouUnit = await buildExpertUnit(db, SUZHOU, '苏州大学');
    const fine = await buildExpert(db, suzhouUnit);
    const declared = await buildExpert(db, suzhouUnit);
    const inUnit = await buildExpert(db, a.unit.id);
    const sameCity = await buildExpert(db, await buildExpertUnit(db, NANJING, '南京大学'));
    const declarer = await env().login(declared.username);
    expect(
      (await declarer.post('/api/conflicts', { unitId: a.unit.id, reason: '曾为该单位提供咨询' })).statusCode,
    ).toBe(201);

    // The candidate list shows each expert's reasons.
    const cand = await officer.get(`/api/experts?applicationId=${app.id}`);
    expect(cand.statusCode, cand.body).toBe(200);
    const byId = new Map(
      cand.json().items.map((c: { id: string; eligible: boolean; reasons: string[] }) => [c.id, c]),
    ) as Map<string, { eligible: boolean; reasons: string[]; cityName: string | null }>;
    expect(byId.get(fine.id)).toMatchObject({ eligible: true, reasons: [] });
    expect(byId.get(declared.id)!.reasons[0]).toContain('回避');
    expect(byId.get(inUnit.id)!.reasons[0]).toContain('申报单位');
    expect(byId.get(sameCity.id)!.reasons[0]).toContain('同城回避');

    for (const [expert, text] of [
      [declared, '利害关系'],
      [inUnit, '所在单位即为申报单位'],
      [sameCity, '同城回避'],
    ] as const) {
      const res = await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: expert.id });
      expectError(res, 422, 'validation_failed');
      expect(res.json().error.message).toContain(text);
      expect(res.json().error.details[0].path).toBe('expertId');
    }
    expect(await countAssignments(db)).toBe(0);

    // Same-city recusal is configurable per batch: off, the Nanjing expert may assess.
    const cfg = (await officer.get(`/api/batches/${batch.id}/review-config`)).json().config;
    const off = await officer.put(`/api/batches/${batch.id}/review-config`, {
      version: cfg.version,
      checklist: cfg.checklist,
      integrityText: cfg.integrity.text,
      criteria: cfg.criteria,
      sameCityRecusal: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await assign(officer, app.id, sameCity.id)).status).toBe('assigned');
    // The other two reasons do not depend on the switch.
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: inUnit.id }),
      422,
      'validation_failed',
    );
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: declared.id }),
      422,
      'validation_failed',
    );
    const ok = await assign(officer, app.id, fine.id);
    expect(ok.allowedActions).toEqual(['remove', 'set_due']);
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: fine.id }),
      409,
      'conflict',
    );
    expect(await countAssignments(db)).toBe(2);

    // Only accepted applications, only the province officer of the province, only experts.
    const submitted = await buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit });
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: submitted.id, expertId: fine.id }),
      409,
      'invalid_transition',
    );
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(
      await reviewer.post('/api/expert-assignments', { applicationId: app.id, expertId: fine.id }),
      403,
      'forbidden',
    );
    const zj = await env().login((await buildUser(db, { roles: ['province_officer'], orgId: 'prov-330000' })).username);
    expectError(
      await zj.post('/api/expert-assignments', { applicationId: app.id, expertId: fine.id }),
      404,
      'not_found',
    );
    const notExpert = await buildProvinceOfficer(db);
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: notExpert.id }),
      422,
      'validation_failed',
    );
    expect(await countAssignments(db)).toBe(2);
  });

  it('an expert sees only the applications assigned to it (unassigned → 404) and takes no workflow action', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const mine = await buildApplication(db, {
      batchId: batch.id,
      unit: (await buildApplicant(db)).unit,
      status: 'accepted',
    });
    const other = await buildApplication(db, {
      batchId: batch.id,
      unit: (await buildApplicant(db)).unit,
      status: 'accepted',
    });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const unit = await buildExpertUnit(db, SUZHOU);
    const expertUser = await buildExpert(db, unit);
    const expert = await env().login(expertUser.username);
    const stranger = await env().login((await buildExpert(db, unit)).username);

    expectError(await expert.get(`/api/applications/${mine.id}`), 404, 'not_found');
    expect((await expert.get('/api/applications')).json().items).toEqual([]);
    const assignment = await assign(officer, mine.id, expertUser.id);

    const detail = await expert.get(`/api/applications/${mine.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().allowedActions).toEqual([]);
    // Assigning experts is offered by the server: to the province officer while accepted, not to the expert.
    expect(detail.json().assessmentActions).toEqual([]);
    expect((await officer.get(`/api/applications/${mine.id}`)).json().assessmentActions).toEqual(['assign_experts']);
    await db.updateTable('applications').set({ status: 'province_recommended' }).where('id', '=', other.id).execute();
    expect((await officer.get(`/api/applications/${other.id}`)).json().assessmentActions).toEqual([]);
    await db.updateTable('applications').set({ status: 'accepted' }).where('id', '=', other.id).execute();
    expect((await expert.get(`/api/applications/${mine.id}/files`)).statusCode).toBe(200);
    expectError(await expert.get(`/api/applications/${other.id}`), 404, 'not_found');
    expect((await expert.get('/api/applications')).json().items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expectError(await act(expert, mine.id, 'province_recommend'), 403, 'forbidden');
    expectError(await act(expert, other.id, 'province_recommend'), 404, 'not_found');

    // Assignments: the expert its own, another expert nothing of it.
    const list = (await expert.get('/api/expert-assignments')).json().items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([assignment.id]);
    expect(list[0]).toMatchObject({ status: 'assigned', allowedActions: ['declare', 'decline'], scores: null });
    expect(list[0].criteria).toHaveLength(6);
    expect((await stranger.get('/api/expert-assignments')).json().items).toEqual([]);
    expectError(await stranger.get(`/api/expert-assignments/${assignment.id}`), 404, 'not_found');
    expectError(await stranger.get(`/api/applications/${mine.id}`), 404, 'not_found');

    // The officer takes the assignment back: the expert no longer sees the application.
    expect((await officer.delete(`/api/expert-assignments/${assignment.id}`)).statusCode).toBe(200);
    expectError(await expert.get(`/api/applications/${mine.id}`), 404, 'not_found');
  });

  it('scores once on the batch criteria (0..weight each, with a comment), then read-only; declining records a conflict', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'accepted' });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const unit = await buildExpertUnit(db, SUZHOU);
    const expertUser = await buildExpert(db, unit);
    const expert = await env().login(expertUser.username);
    const assignment = await assign(officer, app.id, expertUser.id);
    const url = `/api/expert-assignments/${assignment.id}/score`;
    const comment = '专业领域聚焦集成电路设计，服务平台较完善';
    await declare(expert, assignment.id);

    const missing = await expert.post(url, { scores: scoresAt(0.8).slice(0, 5), comment });
    expectError(missing, 422, 'validation_failed');
    expect(missing.json().error.details[0].message).toContain('发展目标与保障');
    const over = scoresAt(0.8).map((s) => (s.key === 'goals_support' ? { ...s, score: 10.5 } : s));
    const tooHigh = await expert.post(url, { scores: over, comment });
    expectError(tooHigh, 422, 'validation_failed');
    expect(tooHigh.json().error.details[0].message).toContain('不能超过权重 10 分');
    expectError(
      await expert.post(url, { scores: scoresAt(0.8).map((s) => ({ ...s, score: -1 })), comment }),
      422,
      'validation_failed',
    );
    expectError(await expert.post(url, { scores: scoresAt(0.8) }), 422, 'validation_failed');
    expectError(await officer.post(url, { scores: scoresAt(0.8), comment }), 403, 'forbidden');
    expect(
      (await db.selectFrom('expert_assignments').select('status').where('id', '=', assignment.id).executeTakeFirst())!
        .status,
    ).toBe('assigned');

    const scored = await expert.post(url, { scores: scoresAt(0.8), comment });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().assignment).toMatchObject({
      status: 'submitted',
      statusLabel: '已评分',
      totalScore: 80,
      comment,
      allowedActions: [],
      submittedAt: env().clock.now().toISOString(),
    });
    expectError(await expert.post(url, { scores: scoresAt(1), comment }), 409, 'invalid_transition');
    expect((await officer.get(`/api/expert-assignments/${assignment.id}`)).json().assignment.totalScore).toBe(80);
    expectError(await officer.delete(`/api/expert-assignments/${assignment.id}`), 409, 'invalid_transition');
    const audit = await db.selectFrom('audit_log').select('summary').where('action', '=', 'expert.score').execute();
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ assignmentId: assignment.id, total: 80 });

    // Another expert declares a conflict instead: withdrawn, recorded, and the application is gone from its reach.
    const second = await buildExpert(db, unit);
    const secondClient = await env().login(second.username);
    const other = await assign(officer, app.id, second.id);
    const declined = await secondClient.post(`/api/expert-assignments/${other.id}/decline`, {
      reason: '本人曾在该单位兼职',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().assignment).toMatchObject({ status: 'withdrawn', withdrawReason: '本人曾在该单位兼职' });
    expect(await db.selectFrom('conflicts').select('unit_id').where('user_id', '=', second.id).execute()).toEqual([
      { unit_id: a.unit.id },
    ]);
    expectError(await secondClient.get(`/api/applications/${app.id}`), 404, 'not_found');
    expectError(
      await secondClient.post(`/api/expert-assignments/${other.id}/score`, { scores: scoresAt(1), comment }),
      409,
      'invalid_transition',
    );
    expectError(
      await officer.post('/api/expert-assignments', { applicationId: app.id, expertId: second.id }),
      409,
      'conflict',
    );
  });
});
