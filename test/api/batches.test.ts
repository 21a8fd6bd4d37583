import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildAdmin,
  buildApplicant,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  NANJING,
  JIANGSU,
} from '../factories.js';
import { batchRows } from '../helpers/batches.js';

describeEachDb('batches and the deadline cascade', (env) => {
  const { countRows } = batchRows(env);

  it('the province officer creates a batch; anyone reads it with its cascade, dates in Beijing time', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const res = await admin.post('/api/batches', {
      name: '第九批国家专业化众创空间备案示范',
      year: 2026,
      noticeText: '各设区市科技局：……',
      recordedDates: { cityToProvince: '2026-07-31', provinceToMinistry: '2026-08-31' },
      cityDeadlines: [{ scopeOrgId: JIANGSU, dueAt: '2026-07-31T17:00:00+08:00' }],
    });
    expect(res.statusCode).toBe(200);
    const batch = res.json().batch;
    expect(batch).toMatchObject({
      name: '第九批国家专业化众创空间备案示范',
      year: 2026,
      status: 'open',
      // New batches require the stamped attachment-2 scan and the signed attachment-4 scan (issue 14).
      requiredFileKinds: ['stamp_scan', 'pledge_scan'],
      recordedDates: { cityToProvince: '2026-07-31', provinceToMinistry: '2026-08-31' },
      documents: [],
      version: 1,
    });
    expect(batch.deadlines).toHaveLength(1);
    expect(batch.deadlines[0]).toMatchObject({
      kind: 'city',
      scopeOrgId: JIANGSU,
      scopeOrgName: '江苏省科学技术厅',
      dueAt: '2026-07-31T09:00:00.000Z',
      originalDueAt: '2026-07-31T09:00:00.000Z',
      setByOrgId: 'js-dept',
      extensions: [],
    });
    // The national step is the Ministry's; a date alone means 23:59:59 that day, Beijing time.
    const most = await env().login((await buildMinistryOfficer(env().db)).username);
    const national = await most.put(`/api/batches/${batch.id}/deadlines`, {
      kind: 'province',
      scopeOrgId: null,
      dueAt: '2026-08-31',
    });
    expect(national.json().deadline).toMatchObject({ dueAt: '2026-08-31T15:59:59.000Z', setByOrgId: 'most' });

    const anon = env().anonymous();
    const list = await anon.get('/api/batches');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: { id: string }) => b.id)).toContain(batch.id);
    const one = await anon.get(`/api/batches/${batch.id}`);
    expect(one.json().batch.noticeText).toBe('各设区市科技局：……');
    expect((await anon.get('/api/batches/no-such-batch')).statusCode).toBe(404);

    const audit = await env()
      .db.selectFrom('audit_log')
      .select(['action'])
      .where('summary', 'like', `%${batch.id}%`)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['deadline.set', 'deadline.set']);
    const created = await env()
      .db.selectFrom('audit_log')
      .select('actor_role')
      .where('action', '=', 'batch.create')
      .where('target_id', '=', batch.id)
      .execute();
    expect(created).toEqual([{ actor_role: 'province_officer' }]);
  });

  it('pages the batch list like every list: page 2 of N, sort, status filter with its total, bad paging refused', async () => {
    const db = env().db;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await buildBatch(db, { name: `分页批次${i}` });
      // The newest year of all, created one after another: first under the default sort (year, newest first).
      await db
        .updateTable('batches')
        .set({ year: 2099, status: 'closed', created_at: `2099-01-0${i + 1}T00:00:00.000Z` })
        .where('id', '=', b.id)
        .execute();
      ids.push(b.id);
    }
    const anon = env().anonymous();
    const all = (await anon.get('/api/batches')).json();
    expect(all.pageSize).toBe(100);
    const page1 = (await anon.get('/api/batches?pageSize=2')).json();
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: all.total });
    expect(page1.items.map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await anon.get('/api/batches?pageSize=2&page=2')).json();
    expect(page2.items[0].id).toBe(ids[0]);
    // Oldest year first: the three are on the last page.
    const last = Math.ceil(all.total / 2);
    const asc = (await anon.get(`/api/batches?pageSize=2&page=${last}&sort=year&order=asc`)).json();
    expect(asc.items.at(-1).id).toBe(ids[2]);
    // The status filter and its total.
    const closed = await db.selectFrom('batches').select('id').where('status', '=', 'closed').execute();
    const filtered = (await anon.get('/api/batches?status=closed&pageSize=1&page=2')).json();
    expect(filtered).toMatchObject({ total: closed.length, page: 2, pageSize: 1 });
    expect(filtered.items[0].id).toBe(ids[1]);
    const byName = (await anon.get('/api/batches?status=closed&sort=name&order=desc')).json();
    const names = byName.items.map((b: { name: string }) => b.name).filter((n: string) => n.startsWith('分页批次'));
    expect(names).toEqual(['分页批次2', '分页批次1', '分页批次0']);
    for (const q of ['page=0', 'pageSize=101', 'pageSize=x', 'sort=deadline', 'order=down', 'status=gone']) {
      const bad = await anon.get(`/api/batches?${q}`);
      expect(bad.statusCode, q).toBe(422);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('only the province officer creates and edits batches; every other role, the system administrator included, gets 403 (三员分立)', async () => {
    const before = await countRows('batches');
    const others = [
      await buildAdmin(env().db, 'system_admin'),
      await buildAdmin(env().db, 'security_admin'),
      await buildAdmin(env().db, 'audit_admin'),
      await buildMinistryOfficer(env().db),
      await buildCityReviewer(env().db),
      await buildApplicant(env().db),
    ];
    const { id } = await buildBatch(env().db);
    for (const u of others) {
      const c = await env().login(u.username);
      const res = await c.post('/api/batches', { name: `越权批次${u.username}`, year: 2026 });
      expect(res.statusCode, u.username).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await c.patch(`/api/batches/${id}`, { version: 1, name: '越权改名' })).statusCode).toBe(403);
    }
    expect((await env().anonymous().post('/api/batches', { name: '匿名批次', year: 2026 })).statusCode).toBe(401);
    expect(await countRows('batches')).toBe(before + 1);
    const row = await env().db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
  });

  it('the system administrator does not act in the workflow: no deadline of any level, no registration decision', async () => {
    const admin = await env().login((await buildAdmin(env().db, 'system_admin')).username);
    const { id } = await buildBatch(env().db);
    const res = await admin.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('无权设置');
    for (const [kind, scopeOrgId] of [
      ['city', JIANGSU],
      ['province', null],
    ] as const) {
      const r = await admin.put(`/api/batches/${id}/deadlines`, { kind, scopeOrgId, dueAt: '2026-07-20' });
      expect(r.statusCode).toBe(403);
    }
    const cityDeadline = await env()
      .db.selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', id)
      .where('kind', '=', 'city')
      .executeTakeFirstOrThrow();
    const extend = await admin.post(`/api/deadlines/${cityDeadline.id}/extensions`, {
      dueAt: '2026-07-31',
      reason: '系统管理员不得延期',
    });
    expect(extend.statusCode).toBe(403);
    expect((await admin.get('/api/registrations')).statusCode).toBe(403);
    expect((await admin.post('/api/registrations/any-id/actions/approve', {})).statusCode).toBe(403);
    const n = await env()
      .db.selectFrom('deadlines')
      .select('id')
      .where('batch_id', '=', id)
      .where('kind', '=', 'applicant')
      .execute();
    expect(n).toHaveLength(0);
  });

  it('edits a batch with the version it was based on; a stale version gets 409 and changes nothing', async () => {
    const admin = await env().login((await buildProvinceOfficer(env().db)).username);
    const { id } = await buildBatch(env().db);
    const ok = await admin.patch(`/api/batches/${id}`, {
      version: 1,
      noticeText: '新的通知正文',
      requiredFileKinds: ['business_license'],
      status: 'closed',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().batch).toMatchObject({
      noticeText: '新的通知正文',
      requiredFileKinds: ['business_license'],
      status: 'closed',
      version: 2,
    });
    const unknownKind = await admin.patch(`/api/batches/${id}`, { version: 2, requiredFileKinds: ['passport'] });
    expect(unknownKind.statusCode).toBe(422);
    expect(unknownKind.json().error.details[0]).toMatchObject({
      path: 'requiredFileKinds.0',
      message: '附件类别不正确',
    });
    const stale = await admin.patch(`/api/batches/${id}`, { version: 1, noticeText: '被覆盖的正文' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const row = await env().db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.notice_text).toBe('新的通知正文');
  });

  it('accepts a date or an ISO time with offset; refuses anything else with a Chinese message', async () => {
    const reviewer = await env().login((await buildCityReviewer(env().db)).username);
    const { id } = await buildBatch(env().db);
    for (const dueAt of ['2026-07-01 12:00', '2026-02-30', '2026-07-01T12:00:00', 'tomorrow']) {
      const res = await reviewer.put(`/api/batches/${id}/deadlines`, { kind: 'applicant', scopeOrgId: NANJING, dueAt });
      expect(res.statusCode, dueAt).toBe(422);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'dueAt',
        message: expect.stringContaining('YYYY-MM-DD'),
      });
    }
    const res = await reviewer.put(`/api/batches/${id}/deadlines`, {
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01T12:00:00+08:00',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().deadline).toMatchObject({
      kind: 'applicant',
      scopeOrgId: NANJING,
      dueAt: '2026-07-01T04:00:00.000Z',
    });
  });

  it('publishes the deadline date formats in the OpenAPI document', async () => {
    const doc = (await env().anonymous().get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/batches',
        '/api/batches/{id}',
        '/api/batches/{id}/deadlines',
        '/api/deadlines/{id}/extensions',
      ]),
    );
    expect(JSON.stringify(doc.paths['/api/batches/{id}/deadlines'])).toContain('23:59:59');
  });
});
