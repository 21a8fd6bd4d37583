import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import {
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUnit,
} from '../factories.js';
import { expectError } from '../helpers/applications.js';

// Issue 17: the lists that loaded whole now page on the server like every other list (total, page,
// pageSize, a whitelisted sort, filters), and still answer nextCursor to the earlier cursor contract.
describeEachDb('server-side paging of the remaining lists', (env) => {
  it('GET /api/conflicts: pages, sorts by unit name, searches, and refuses a bad sort in Chinese', async () => {
    const db = env().db;
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const names = ['甲分页回避单位', '乙分页回避单位', '丙分页回避单位'];
    for (const name of names) {
      const unit = await buildUnit(db, { name });
      expect((await reviewer.post('/api/conflicts', { unitId: unit.id, reason: '分页测试' })).statusCode).toBe(201);
    }
    const first = await reviewer.get('/api/conflicts?pageSize=2&sort=unitName&order=asc');
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.items).toHaveLength(2);
    const second = (await reviewer.get('/api/conflicts?pageSize=2&page=2&sort=unitName&order=asc')).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const sorted = [...body.items, ...second.items].map((c: { unitName: string }) => c.unitName);
    expect(sorted).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byCursor = (
      await reviewer.get(`/api/conflicts?limit=2&cursor=${body.nextCursor}&sort=unitName&order=asc`)
    ).json();
    expect(byCursor.items.map((c: { id: string }) => c.id)).toEqual(second.items.map((c: { id: string }) => c.id));

    const found = (await reviewer.get(`/api/conflicts?q=${encodeURIComponent('乙分页')}`)).json();
    expect(found.total).toBe(1);
    expect(found.items[0].unitName).toBe('乙分页回避单位');

    const bad = await reviewer.get('/api/conflicts?sort=reason');
    expectError(bad, 422, 'validation_failed');
    expect(JSON.stringify(bad.json().error.details)).toContain('排序字段不正确');
  });

  it('GET /api/batches/:id/publications/pending: the preview pages, filters and sorts; the history counts what is pending', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const ministry = await env().login((await buildMinistryOfficer(db)).username);
    const app = async (status: 'filed' | 'not_filed', spaceName: string) =>
      buildApplication(db, { batchId: batch.id, unit: (await buildApplicant(db)).unit, status, spaceName });
    const filed = [await app('filed', 'A预览分页众创空间'), await app('filed', 'B预览分页众创空间')];
    const notFiled = await app('not_filed', 'C预览分页众创空间');

    const url = `/api/batches/${batch.id}/publications/pending`;
    const first = (await ministry.get(`${url}?pageSize=2&sort=spaceName&order=desc`)).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, nextCursor: 'o2' });
    const second = (await ministry.get(`${url}?pageSize=2&page=2&sort=spaceName&order=desc`)).json();
    const names = [...first.items, ...second.items].map((d: { spaceName: string }) => d.spaceName);
    expect(names).toEqual(['C预览分页众创空间', 'B预览分页众创空间', 'A预览分页众创空间']);
    const onlyNotFiled = (await ministry.get(`${url}?decision=not_filed`)).json();
    expect(onlyNotFiled.items.map((d: { applicationId: string }) => d.applicationId)).toEqual([notFiled.id]);
    expect((await ministry.get(`${url}?q=${encodeURIComponent('B预览')}`)).json().items).toEqual([
      expect.objectContaining({ applicationId: filed[1]!.id, decision: 'filed' }),
    ]);
    expect((await ministry.get(`${url}?provinceId=prov-330000`)).json().total).toBe(0);
    expectError(await ministry.get(`${url}?decision=maybe`), 422, 'validation_failed');
    expectError(await ministry.get(`${url}?sort=unitName`), 422, 'validation_failed');
    expectError(await ministry.get('/api/batches/nope/publications/pending'), 404, 'not_found');
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    expectError(await officer.get(url), 403, 'forbidden');

    const history = (await ministry.get(`/api/batches/${batch.id}/publications`)).json();
    expect(history).toMatchObject({ items: [], total: 0, pendingCount: 3, nextCursor: null });
  });

  it("sorts the list by 申报编号 (the queue's 排序 control, issue 17)", async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const built: { id: string; spaceName: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await buildApplicant(db);
      built.push(await buildApplication(db, { batchId: batch.id, unit: a.unit, status: 'submitted' }));
    }
    // Numbers in the reverse of the names' order, so that the sort cannot pass by accident.
    for (const [i, a] of built.entries())
      await db
        .updateTable('applications')
        .set({ number: `2026-320100-${String(9 - i).padStart(4, '0')}` })
        .where('id', '=', a.id)
        .execute();
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const numbers = async (order: string) => {
      const res = await officer.get(`/api/applications?batchId=${batch.id}&sort=number&order=${order}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { number: string }) => i.number);
    };
    expect(await numbers('asc')).toEqual(['2026-320100-0007', '2026-320100-0008', '2026-320100-0009']);
    expect(await numbers('desc')).toEqual(['2026-320100-0009', '2026-320100-0008', '2026-320100-0007']);
  });
});
