import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb, TEST_PASSWORD } from '../helpers/env.js';
import { buildAdmin, buildCityReviewer } from '../factories.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';

describeEachDb('audit log', (env) => {
  it('records every login attempt, success and failure, with IP and outcome', async () => {
    const u = await buildCityReviewer(env().db);
    await env().anonymous().post('/api/session', { username: u.username, password: 'Wrong@1234' });
    await env().anonymous().post('/api/session', { username: u.username, password: TEST_PASSWORD });
    const rows = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'session.login')
      .where('target_id', '=', u.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'success']);
    expect(rows[0]!.actor_name).toBe(u.username);
    expect(rows[0]!.org_id).toBe(u.orgId);
    expect(rows[1]!.actor_id).toBe(u.id);
    expect(rows[1]!.actor_role).toBe('city_reviewer');
    expect(rows[1]!.ip).toBe('127.0.0.1');
  });

  it('records a refused mutation', async () => {
    const c = await env().login((await buildCityReviewer(env().db)).username);
    const res = await c.post('/api/accounts', {
      username: 'zzz',
      displayName: 'z',
      orgId: 'most',
      roles: ['ministry_officer'],
    });
    expect(res.statusCode).toBe(403);
    const row = await env()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'request.denied')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('failure');
    expect(JSON.parse(row.summary)).toMatchObject({ method: 'POST', route: '/api/accounts', code: 'forbidden' });
  });

  it('lets only the audit administrator search the log, filtered and paged', async () => {
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    for (let i = 0; i < 3; i++) await env().anonymous().post('/api/session', { username: 'ghost-user', password: 'x' });
    const page1 = await auditor.get('/api/audit?actor=ghost-user&pageSize=2');
    expect(page1.statusCode).toBe(200);
    expect(page1.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.json().items).toHaveLength(2);
    // Page 2 of 2: the oldest record, below page 1's (newest first by default).
    const page2 = await auditor.get('/api/audit?actor=ghost-user&pageSize=2&page=2');
    expect(page2.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().items[0].seq).toBeLessThan(page1.json().items[1].seq);
    // Sorted the other way: the oldest first.
    const asc = await auditor.get('/api/audit?actor=ghost-user&sort=seq&order=asc');
    expect(asc.json().items.map((r: { seq: number }) => r.seq)).toEqual(
      [...page1.json().items, ...page2.json().items].map((r: { seq: number }) => r.seq).reverse(),
    );
    // A sort on another column keeps the filter and its total.
    const byOutcome = await auditor.get('/api/audit?actor=ghost-user&sort=outcome&order=asc&pageSize=1&page=3');
    expect(byOutcome.json()).toMatchObject({ total: 3, page: 3 });
    expect(byOutcome.json().items).toHaveLength(1);
    // Bad paging is refused in Chinese, not ignored.
    for (const q of ['page=0', 'pageSize=500', 'page=abc', 'sort=ip', 'order=up']) {
      const bad = await auditor.get(`/api/audit?${q}`);
      expect(bad.statusCode, q).toBe(422);
      expect(bad.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The export holds the filtered view, every page of it, whatever page the list shows.
    const xlsx = await auditor.get('/api/audit/export.xlsx?actor=ghost-user&page=2&pageSize=1');
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('审计日志')!.actualRowCount).toBe(1 + 3);
    const failures = await auditor.get('/api/audit?action=session.login&outcome=failure');
    expect(failures.json().items.every((r: { outcome: string }) => r.outcome === 'failure')).toBe(true);
    for (const role of ['system_admin', 'security_admin'] as const) {
      const other = await env().login((await buildAdmin(env().db, role)).username);
      expect((await other.get('/api/audit')).statusCode).toBe(403);
    }
  });

  it('refuses UPDATE and DELETE on audit records at the database level', async () => {
    await env().anonymous().post('/api/session', { username: 'someone', password: 'x' });
    await expect(sql`update audit_log set ip = '1.2.3.4'`.execute(env().db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(env().db)).rejects.toThrow(/append-only/);
  });
  // Last: it removes the SQLite trigger.
  it('the chain verifies, and names the first record altered by hand', async () => {
    const auditor = await env().login((await buildAdmin(env().db, 'audit_admin')).username);
    const ok = await auditor.get('/api/audit/verify');
    expect(ok.json().ok).toBe(true);
    expect(ok.json().count).toBeGreaterThan(0);
    const target = await env()
      .db.selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    // Altering needs the append-only trigger out of the way first, as an intruder would do.
    if (env().dialect === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(env().db);
      await sql`update audit_log set outcome = 'failure' where seq = ${target.seq}`.execute(env().db);
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(env().db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(env().db);
      await sql`update audit_log set outcome = 'failure' where seq = ${target.seq}`.execute(env().db);
    }
    const broken = await verifyAuditChain(env().db);
    expect(broken).toMatchObject({ ok: false, brokenAt: Number(target.seq) });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: Number(target.seq) });
  });
});
