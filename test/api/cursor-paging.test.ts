import { expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  buildAdmin,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildProvinceOfficer,
  buildSnapshot,
  buildUnit,
  NANJING,
} from '../factories.js';
import { expectError } from '../helpers/applications.js';

// The earlier list contract (`cursor`/`limit` → `nextCursor`) still works beside numbered pages: a
// client that follows nextCursor sees every row once, in the order of the numbered pages.
describeEachDb('cursor paging (the earlier list contract)', (env) => {
  async function follow(client: Client, url: string, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const sep = url.includes('?') ? '&' : '?';
      const res = await client.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id?: string; seq?: number }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...body.items.map((x) => String(x.id ?? x.seq)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it('GET /api/applications: limit and nextCursor walk the whole queue once; a bad cursor is 422 in Chinese', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    for (let i = 0; i < 5; i++)
      await buildApplication(db, { batchId: batch.id, unit: await buildUnit(db), spaceName: `游标测试${i}众创空间` });
    const reviewer = await env().login((await buildCityReviewer(db, NANJING)).username);
    const all = await reviewer.get('/api/applications?pageSize=100');
    expect(all.statusCode, all.body).toBe(200);
    const expected = (all.json() as { items: { id: string }[]; nextCursor: string | null }).items.map((x) => x.id);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(all.json().nextCursor).toBeNull();
    const walked = await follow(reviewer, '/api/applications', 2);
    expect(walked).toEqual(expected);

    const bad = await reviewer.get('/api/applications?cursor=not-a-cursor');
    expectError(bad, 422, 'validation_failed');
    expect(JSON.stringify(bad.json().error.details)).toContain('分页游标无效');
    expectError(await reviewer.get('/api/applications?limit=0'), 422, 'validation_failed');
  });

  it('GET /api/audit: the auditor walks the log by cursor as by page', async () => {
    const db = env().db;
    const user = await buildAdmin(db, 'audit_admin');
    // A few logins, so that the walk spans several pages of 3.
    for (let i = 0; i < 6; i++) await env().login(user.username);
    const auditor = await env().login(user.username);
    const pageOne = await auditor.get('/api/audit?pageSize=100');
    expect(pageOne.statusCode, pageOne.body).toBe(200);
    const expected = (pageOne.json() as { items: { seq: number }[] }).items.map((x) => String(x.seq)).slice(0, 100);
    expect(expected.length).toBeGreaterThan(6);
    const walked = await follow(auditor, '/api/audit', 3);
    // Records may be added while walking (the auditor's own reads are not audited; logins are):
    // every record of the first listing is seen, once, in the same order.
    expect(walked.filter((s) => expected.includes(s))).toEqual(expected);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('GET /api/batches/:id/similarity-pairs: paged in the database, with total and nextCursor; the cursor walk is the numbered order', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const build = async (i: number) =>
      buildApplication(db, { batchId: batch.id, unit: await buildUnit(db), spaceName: `查重分页${i}众创空间` });
    const [a, b, c, d] = [await build(0), await build(1), await build(2), await build(3)];
    const source = (ratio: number, of: { id: string | null; number: string | null; spaceName: string }) => ({
      docId: 1,
      applicationId: of.id,
      number: of.number,
      spaceName: of.spaceName,
      unitName: '某单位',
      unitId: null,
      cityName: '南京',
      cityId: NANJING,
      provinceId: 'prov-320000',
      batchName: null,
      year: 2025,
      sameUnit: false,
      ratio,
      matchedChars: Math.round(ratio * 1000),
    });
    const numberOf = async (id: string) =>
      (await db.selectFrom('applications').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number;
    const ref = async (x: { id: string; spaceName: string }) => ({ ...x, number: await numberOf(x.id) });
    const imported = { id: null, number: null, spaceName: '往年申报书（导入）' };
    const report = async (app: { id: string }, snapshotId: string, sources: ReturnType<typeof source>[]) =>
      db
        .insertInto('similarity_reports')
        .values({
          application_id: app.id,
          snapshot_id: snapshotId,
          status: 'ready',
          computed_at: '2026-06-02T00:00:00.000Z',
          overall: 0.5,
          overall_excluding_same_unit: 0.5,
          max_single_source: Math.max(...sources.map((s) => s.ratio)),
          report: JSON.stringify({
            overall: 0.5,
            overallExcludingSameUnit: 0.5,
            maxSingleSource: 0,
            totalChars: 1000,
            sections: [],
            sources,
            passages: [],
          }),
          updated_at: '2026-06-02T00:00:00.000Z',
        })
        .execute();
    // Seven pairs at or above 30 %, two ties among them; sources below the threshold are not pairs.
    await report(a, a.snapshot!.id, [source(0.8, await ref(b)), source(0.45, await ref(c)), source(0.1, await ref(d))]);
    await report(b, b.snapshot!.id, [source(0.8, await ref(a)), source(0.35, imported)]);
    await report(c, c.snapshot!.id, [
      source(0.45, await ref(a)),
      source(0.3, await ref(d)),
      source(0.62, await ref(b)),
    ]);
    // d's report is of an earlier snapshot: d was resubmitted since, so its pairs are not listed.
    await report(d, d.snapshot!.id, [source(0.9, await ref(a))]);
    await buildSnapshot(db, d.id);

    const province = await env().login((await buildProvinceOfficer(db)).username);
    const url = `/api/batches/${batch.id}/similarity-pairs?threshold=0.3`;
    type Pair = { applicationId: string; ratio: number; source: { applicationId: string | null; spaceName: string } };
    type Body = { pairs: Pair[]; total: number; page: number; nextCursor: string | null };
    const key = (p: Pair) => `${p.applicationId}>${p.source.applicationId ?? p.source.spaceName}`;
    const get = async (query: string) => {
      const res = await province.get(`${url}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Body;
    };

    const all = await get('pageSize=100');
    expect(all).toMatchObject({ total: 7, page: 1, nextCursor: null });
    expect(all.pairs.map((p) => p.ratio)).toEqual([0.8, 0.8, 0.62, 0.45, 0.45, 0.35, 0.3]);
    expect(all.pairs.map(key)).not.toContain(`${d.id}>${a.id}`);
    expect(all.pairs.map(key)).toContain(`${b.id}>往年申报书（导入）`);

    // Numbered pages: the total on every page, nextCursor until the last.
    const two = await get('pageSize=4&page=2');
    expect(two).toMatchObject({ total: 7, page: 2, nextCursor: null });
    expect(two.pairs.map(key)).toEqual(all.pairs.slice(4).map(key));
    expect((await get('pageSize=4')).nextCursor).not.toBeNull();

    // The earlier contract: cursor and limit walk every pair once, in the numbered order.
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Body = await get(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.pairs.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(7);
      walked.push(...page.pairs.map(key));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all.pairs.map(key));

    // The search (either side's number or space name) and the other sort keys are applied before paging.
    const found = await get(`q=${encodeURIComponent('查重分页3')}&pageSize=1`);
    expect(found).toMatchObject({ total: 1, nextCursor: null });
    expect(found.pairs.map(key)).toEqual([`${c.id}>${d.id}`]);
    const imports = await get(`q=${encodeURIComponent('往年申报书')}`);
    expect(imports.total).toBe(1);
    const fewest = await get('sort=matchedChars&order=asc&limit=1');
    expect(fewest.pairs.map((p) => p.ratio)).toEqual([0.3]);
    expect(fewest.nextCursor).not.toBeNull();

    expectError(await province.get(`${url}&cursor=not-a-cursor`), 422, 'validation_failed');
  });
});
