import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { act } from '../helpers/applications.js';
import { buildApplicant, buildApplication, buildBatch, buildMinistryOfficer, NANJING } from '../factories.js';

/**
 * Issue 14, where the applicant stands: a Ministry decision reaches the applicant unit only once
 * published — no list, filter or count of the unit's shows 已备案 / 不予备案 before.
 */
describeEachDb('issue 14: the applicant sees a decision only once published', (env) => {
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
