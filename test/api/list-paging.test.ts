import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildCityReviewer, buildUnit } from '../factories.js';
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
});
