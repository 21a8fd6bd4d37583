import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildAdmin, buildCityReviewer, buildUnit, NANJING, SUZHOU } from '../factories.js';
import { expectError } from '../helpers/applications.js';

type OrgRow = { id: string; name: string; kind: string };

// Issue 17: the system administrator's organisation list pages on the server (GET /api/orgs/paged)
// like every list, while GET /api/orgs keeps answering the whole list to the reference-data callers.
describeEachDb('paged organisation list', (env) => {
  it('pages with the total, walks by cursor to the same rows as the whole list, and leaves GET /api/orgs whole', async () => {
    const db = env().db;
    const admin = await env().login((await buildAdmin(db, 'system_admin')).username);

    const whole = await admin.get('/api/orgs?kind=city');
    expect(whole.statusCode, whole.body).toBe(200);
    // The reference-data answer is unchanged: only `items`, every city at once.
    expect(Object.keys(whole.json())).toEqual(['items']);
    const cities = (whole.json() as { items: OrgRow[] }).items.map((o) => o.id);
    expect(cities.length).toBeGreaterThan(5);

    const first = await admin.get('/api/orgs/paged?kind=city&pageSize=5');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: cities.length, page: 1, pageSize: 5, nextCursor: 'o5' });
    expect(first.json().items).toHaveLength(5);
    expect(first.json().items.every((o: OrgRow) => o.kind === 'city')).toBe(true);

    // The numbered pages and the cursor walk see every city once, in the same order.
    const numbered: string[] = [];
    for (let page = 1; page <= Math.ceil(cities.length / 5); page++) {
      const res = (await admin.get(`/api/orgs/paged?kind=city&pageSize=5&page=${page}`)).json();
      numbered.push(...res.items.map((o: OrgRow) => o.id));
    }
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const url = `/api/orgs/paged?kind=city&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const res = (await admin.get(url)).json() as { items: OrgRow[]; nextCursor: string | null };
      walked.push(...res.items.map((o) => o.id));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(numbered);
    expect(new Set(numbered).size).toBe(numbered.length);
    expect([...numbered].sort()).toEqual([...cities].sort());
  });

  it('searches and sorts by a whitelisted column; bad input is 422 in Chinese; a session is required', async () => {
    const db = env().db;
    const admin = await env().login((await buildAdmin(db, 'system_admin')).username);
    const names = ['甲单位分页测试', '乙单位分页测试', '丙单位分页测试'];
    for (const name of names) await buildUnit(db, { name });

    const q = encodeURIComponent('单位分页测试');
    const asc = (await admin.get(`/api/orgs/paged?q=${q}&sort=name&order=asc&pageSize=2`)).json();
    expect(asc).toMatchObject({ total: 3, page: 1, pageSize: 2, nextCursor: 'o2' });
    const rest = (await admin.get(`/api/orgs/paged?q=${q}&sort=name&order=asc&pageSize=2&page=2`)).json();
    expect(rest.nextCursor).toBeNull();
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect([...asc.items, ...rest.items].map((o: OrgRow) => o.name)).toEqual(sorted);
    const desc = (await admin.get(`/api/orgs/paged?q=${q}&sort=name&order=desc`)).json();
    expect(desc.items.map((o: OrgRow) => o.name)).toEqual([...sorted].reverse());
    const ofKind = (await admin.get(`/api/orgs/paged?q=${q}&kind=city`)).json();
    expect(ofKind.total).toBe(0);

    const badSort = await admin.get('/api/orgs/paged?sort=uscc');
    expectError(badSort, 422, 'validation_failed');
    expect(JSON.stringify(badSort.json().error.details)).toContain('排序字段不正确');
    const badKind = await admin.get('/api/orgs/paged?kind=planet');
    expectError(badKind, 422, 'validation_failed');
    expect(JSON.stringify(badKind.json().error.details)).toContain('单位类型不正确');
    expectError(await admin.get('/api/orgs/paged?pageSize=101'), 422, 'validation_failed');
    expectError(await admin.get('/api/orgs/paged?cursor=x'), 422, 'validation_failed');

    expect((await env().anonymous().get('/api/orgs/paged?kind=city')).statusCode).toBe(401);
  });

  it('answers units only within the actor’s jurisdiction, as the whole list does', async () => {
    const db = env().db;
    await buildUnit(db, { name: '南京辖区分页单位', cityOrgId: NANJING });
    await buildUnit(db, { name: '苏州辖区分页单位', cityOrgId: SUZHOU });
    const nj = await env().login((await buildCityReviewer(db, NANJING)).username);
    const q = encodeURIComponent('辖区分页单位');
    const paged = (await nj.get(`/api/orgs/paged?q=${q}`)).json();
    expect(paged.total).toBe(1);
    expect(paged.items.map((o: OrgRow) => o.name)).toEqual(['南京辖区分页单位']);
    const whole = (await nj.get(`/api/orgs?q=${q}`)).json();
    expect(whole.items.map((o: OrgRow) => o.name)).toEqual(['南京辖区分页单位']);
  });

  it('shows each row’s parent and number of children, filters by parent with the chain above it, and leaves GET /api/orgs as it was', async () => {
    const db = env().db;
    await buildUnit(db, { name: '南京层级单位甲', cityOrgId: NANJING });
    await buildUnit(db, { name: '南京层级单位乙', cityOrgId: NANJING });
    await buildUnit(db, { name: '苏州层级单位', cityOrgId: SUZHOU });
    const admin = await env().login((await buildAdmin(db, 'system_admin')).username);

    type TreeRow = OrgRow & { parentId: string | null; parentName: string | null; childCount: number };
    const cities = (await admin.get(`/api/orgs/paged?kind=city&pageSize=100`)).json() as { items: TreeRow[] };
    const nanjing = cities.items.find((o) => o.id === NANJING)!;
    expect(nanjing.parentId).toBeTruthy();
    // The children of Nanjing: the demo's units there and the two built here.
    const underNanjing = (await admin.get(`/api/orgs/paged?parentId=${NANJING}&pageSize=100`)).json();
    expect(underNanjing.total).toBe(nanjing.childCount);
    expect(underNanjing.items.map((o: TreeRow) => o.name)).toEqual(
      expect.arrayContaining(['南京层级单位甲', '南京层级单位乙']),
    );
    expect(underNanjing.items.map((o: TreeRow) => o.name)).not.toContain('苏州层级单位');
    for (const o of underNanjing.items as TreeRow[]) {
      expect(o).toMatchObject({ parentId: NANJING, parentName: nanjing.name });
    }
    // The breadcrumb: from the top down to Nanjing, its province just above it.
    const chain = underNanjing.ancestors as { id: string; name: string }[];
    expect(chain.at(-1)).toEqual({ id: NANJING, name: nanjing.name });
    expect(chain.at(-2)).toEqual({ id: nanjing.parentId, name: nanjing.parentName });
    // The province's children are the cities listed with it as parent, Nanjing among them.
    const province = (await admin.get(`/api/orgs/paged?parentId=${nanjing.parentId}&pageSize=100`)).json();
    expect(province.items.map((o: TreeRow) => o.id)).toContain(NANJING);
    expect(province.ancestors.at(-1).id).toBe(nanjing.parentId);
    // Without the filter there is no chain; the parent filter combines with the others.
    const unfiltered = (await admin.get('/api/orgs/paged?kind=city&pageSize=1')).json();
    expect(unfiltered.ancestors).toEqual([]);
    const q = encodeURIComponent('层级单位甲');
    const both = (await admin.get(`/api/orgs/paged?parentId=${NANJING}&q=${q}`)).json();
    expect(both.items.map((o: TreeRow) => o.name)).toEqual(['南京层级单位甲']);

    // A city reviewer of Suzhou counts and sees no unit of Nanjing.
    const sz = await env().login((await buildCityReviewer(db, SUZHOU)).username);
    const theirs = (await sz.get(`/api/orgs/paged?kind=city&pageSize=100`)).json() as { items: TreeRow[] };
    expect(theirs.items.find((o) => o.id === NANJING)!.childCount).toBe(0);
    expect((await sz.get(`/api/orgs/paged?parentId=${NANJING}`)).json().total).toBe(0);

    // GET /api/orgs is unchanged: the organisations' fields only.
    const whole = (await admin.get(`/api/orgs?parentId=${NANJING}`)).json();
    expect(Object.keys(whole.items[0]).sort()).toEqual(
      ['cityId', 'id', 'kind', 'name', 'parentId', 'provinceId', 'regionCode', 'shortName'].sort(),
    );
  });
});
