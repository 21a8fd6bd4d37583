import { expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import { buildAdmin, buildApplication, buildBatch, buildCityReviewer, buildUnit, NANJING } from '../factories.js';
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
});
