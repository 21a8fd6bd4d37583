import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { act, submitted } from '../helpers/applications.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  NANJING,
} from '../factories.js';

/**
 * Issue 14, where the applicant stands: a Ministry decision reaches the applicant unit only once
 * published — no list, filter or count of the unit's shows 已备案 / 不予备案 before.
 */
describeEachDb('issue 14: the applicant sees a decision only once published', (env) => {
  afterEach(() => env().clock.set('2026-06-01T02:00:00.000Z'));

  it('the save status is the unit’s own last save, not the row’s last change (a return moves that)', async () => {
    const db = env().db;
    env().clock.set('2026-06-01T02:00:00.000Z');
    const batch = await buildBatch(db);
    const a = await buildApplicant(db, { cityOrgId: NANJING });
    const unit = await env().login(a.username);
    const sub = await submitted(unit, batch.id, a.unit);
    const savedAt = (await db
      .selectFrom('applications')
      .select('saved_at')
      .where('id', '=', sub.id)
      .executeTakeFirst())!.saved_at;
    expect(savedAt).toBe('2026-06-01T02:00:00.000Z');
    env().clock.set('2026-06-01T02:05:00.000Z');
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expect((await act(reviewer, sub.id, 'return', { comment: '请补充成功案例' })).statusCode).toBe(200);
    const seen = (await unit.get(`/api/applications/${sub.id}`)).json();
    expect(seen.updatedAt).toBe('2026-06-01T02:05:00.000Z');
    expect(seen.lastSave).toEqual({ at: '2026-06-01T02:00:00.000Z', byName: expect.stringMatching(/^测试用户/) });
    expect((await reviewer.get(`/api/applications/${sub.id}`)).json().lastSave).toBeNull();
    env().clock.set('2026-06-01T02:06:00.000Z');
    const patched = await unit.patch(`/api/applications/${sub.id}`, {
      version: seen.version,
      content: { provincialFiling: { status: 'planned' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await unit.get(`/api/applications/${sub.id}`)).json().lastSave.at).toBe('2026-06-01T02:06:00.000Z');
  });

  it('the unit’s list, status filter and dashboard show 已报送科技部 until the Ministry publishes', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db, { cityOrgId: NANJING });
    const app = await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'dispatched_to_ministry' });
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    expect((await act(ministry, app.id, 'file')).statusCode).toBe(200);

    const unit = await env().login(a.username);
    const list = (await unit.get('/api/applications')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: app.id, status: 'dispatched_to_ministry', statusLabel: '已报送科技部' });
    expect((await unit.get('/api/applications?status=filed')).json().items).toEqual([]);
    expect((await unit.get('/api/applications?status=dispatched_to_ministry')).json().items).toHaveLength(1);
    const dash = (await unit.get('/api/dashboard')).json();
    expect(dash.byStatus).toEqual([expect.objectContaining({ status: 'dispatched_to_ministry', count: 1 })]);
    // The Ministry itself sees its decision.
    expect((await ministry.get(`/api/applications?batchId=${batch.id}`)).json().items[0].status).toBe('filed');

    const pub = await ministry.post(`/api/batches/${batch.id}/publications`, {
      documentNo: '国科火字〔2026〕180号',
      publishedOn: '2026-06-03',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((await unit.get('/api/applications')).json().items[0]).toMatchObject({
      status: 'filed',
      statusLabel: '已备案',
    });
    expect((await unit.get('/api/applications?status=filed')).json().items).toHaveLength(1);
    expect((await unit.get('/api/dashboard')).json().byStatus).toEqual([
      expect.objectContaining({ status: 'filed', count: 1 }),
    ]);
  });
});
