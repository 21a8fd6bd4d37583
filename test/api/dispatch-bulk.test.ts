import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.js';
import { describeEachDb, type Client, type TestEnv } from '../helpers/env.js';
import {
  buildAcceptanceClerk,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildProvinceOfficer,
} from '../factories.js';
import { PLEDGE } from '../helpers/dispatches.js';

const ARRIVAL = { method: 'post', electronicCopies: 1, paperCopies: 2, letter: true, pledge: true, note: '同批寄达' };

/** A city dispatch of one recommended application, signed and sent. */
async function sentDispatch(db: Db, env: () => TestEnv, batchId: string, reviewer: Client, approver: Client) {
  const unit = (await buildApplicant(db)).unit;
  const a = await buildApplication(db, { batchId, unit, status: 'recommended' });
  const created = await reviewer.post('/api/dispatches', { applicationIds: [a.id], letter: '推荐函' });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().dispatch.id as string;
  const sent = await approver.post(`/api/dispatches/${id}/actions/send`, { pledge: PLEDGE });
  expect(sent.statusCode, sent.body).toBe(200);
  return id;
}

/** A sent city dispatch of another province (its cities are not seeded: the province sends it in name). */
async function otherProvinceDispatch(db: Db, batchId: string, by: string) {
  const id = randomUUID();
  const at = '2026-06-01T00:00:00.000Z';
  await db
    .insertInto('dispatches')
    .values({
      id,
      batch_id: batchId,
      level: 'city',
      from_org_id: 'prov-330000',
      province_id: 'prov-330000',
      status: 'sent',
      supplementary: 0,
      letter: '函',
      created_by: by,
      created_at: at,
      sent_by: by,
      sent_at: at,
      updated_at: at,
      version: 2,
    })
    .execute();
  return id;
}

const auditCount = async (db: Db) =>
  (await db.selectFrom('audit_log').select('seq').where('action', '=', 'dispatch.receive').execute()).length;

describeEachDb('bulk receive of dispatches (批量接收登记)', (env) => {
  it('receives each dispatch as the single action would, and refuses per row what it may not receive', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewerUser = await buildCityReviewer(db);
    const reviewer = await env().login(reviewerUser.username);
    const approver = await env().login((await buildCityApprover(db)).username);
    const clerk = await env().login((await buildAcceptanceClerk(db)).username);
    const [d1, d2, done] = [
      await sentDispatch(db, env, batch.id, reviewer, approver),
      await sentDispatch(db, env, batch.id, reviewer, approver),
      await sentDispatch(db, env, batch.id, reviewer, approver),
    ];
    expect((await clerk.post(`/api/dispatches/${done}/actions/receive`, {})).statusCode).toBe(200);
    const zhejiang = await otherProvinceDispatch(db, batch.id, reviewerUser.id);
    const before = await db.selectFrom('dispatches').selectAll().where('id', 'in', [done, zhejiang]).execute();
    const audits = await auditCount(db);

    // The list offers the bulk action to the clerk only.
    expect((await clerk.get('/api/dispatches?level=city&status=sent')).json().bulkActions).toEqual(['receive']);
    expect((await reviewer.get('/api/dispatches')).json().bulkActions).toEqual([]);
    // 组织报送批 is offered by the server too: the city reviewer assembles the city's, nobody else here.
    expect((await reviewer.get('/api/dispatches')).json().createLevel).toBe('city');
    expect((await approver.get('/api/dispatches')).json().createLevel).toBeNull();
    expect((await clerk.get('/api/dispatches')).json().createLevel).toBeNull();
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expect((await officer.get('/api/dispatches?level=city')).json().createLevel).toBe('province');

    const res = await clerk.post('/api/dispatches/bulk-actions', {
      action: 'receive',
      ids: [d1, done, zhejiang, d2],
      arrival: ARRIVAL,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([
      { dispatchId: d1, ok: true, status: 'received', late: false },
      {
        dispatchId: done,
        ok: false,
        error: { code: 'invalid_transition', message: '该报送批已接收，不能重复接收' },
      },
      { dispatchId: zhejiang, ok: false, error: { code: 'not_found', message: '报送批不存在或不在您的接收范围内' } },
      { dispatchId: d2, ok: true, status: 'received', late: false },
    ]);
    // Each received one carries the 接收登记, as a single receive would.
    for (const id of [d1, d2]) {
      const view = (await clerk.get(`/api/dispatches/${id}`)).json().dispatch;
      expect(view).toMatchObject({ status: 'received', receivedBy: { id: 'js-centre' } });
      expect(view.arrival).toMatchObject({
        method: 'post',
        electronicCopies: 1,
        paperCopies: 2,
        letter: true,
        pledge: true,
        note: '同批寄达',
        late: false,
      });
    }
    // The refused ones are untouched; one audit record per dispatch received.
    expect(await db.selectFrom('dispatches').selectAll().where('id', 'in', [done, zhejiang]).execute()).toEqual(before);
    expect(await auditCount(db)).toBe(audits + 2);
  });

  it('refuses a role that cannot receive as a whole, and bad input with a Chinese message, changing nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const approver = await env().login((await buildCityApprover(db)).username);
    const clerk = await env().login((await buildAcceptanceClerk(db)).username);
    const id = await sentDispatch(db, env, batch.id, reviewer, approver);
    const audits = await auditCount(db);

    const forbidden = await approver.post('/api/dispatches/bulk-actions', { action: 'receive', ids: [id] });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toBe('您的角色不能执行“批量接收登记”');
    for (const [body, message] of [
      [{ action: 'receive', ids: [] }, '请至少选择一个报送批'],
      [{ action: 'receive', ids: [id, id] }, '所选报送批有重复'],
      [{ action: 'receive', ids: [id], arrival: { ...ARRIVAL, method: 'fax' } }, '请选择送达方式'],
      [{ action: 'receive', ids: [id], arrival: { ...ARRIVAL, paperCopies: -1 } }, '纸质份数不能为负数'],
    ] as const) {
      const res = await clerk.post('/api/dispatches/bulk-actions', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(JSON.stringify(res.json().error)).toContain(message);
    }
    // An arrival before the dispatch was sent is refused on its row, the single action's check.
    const early = await clerk.post('/api/dispatches/bulk-actions', {
      action: 'receive',
      ids: [id],
      arrival: { ...ARRIVAL, arrivedAt: '2020-01-01T00:00:00Z' },
    });
    expect(early.json().results).toEqual([
      { dispatchId: id, ok: false, error: { code: 'validation_failed', message: '送达时间不能早于报送时间' } },
    ]);
    expect(await auditCount(db)).toBe(audits);
    expect((await clerk.get(`/api/dispatches/${id}`)).json().dispatch.status).toBe('sent');
  });
});
