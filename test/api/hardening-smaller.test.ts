import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
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
  SUZHOU,
} from '../factories.js';
import { createApplication, multipart, pdf } from '../helpers/applications.js';

/** Issue 11 item 8, the parts of the auth engineer: orgs scope, idempotency, audited exports, xlsx formulas. */
describeEachDb('hardening: smaller defects (issue 11 item 8)', (env) => {
  const auditOf = (action: string) =>
    env()
      .db.selectFrom('audit_log')
      .select(['actor_id', 'target_id', 'summary'])
      .where('action', '=', action)
      .execute();

  it('GET /api/orgs lists units only within the actor’s jurisdiction, whatever the kind asked', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const otherNj = await buildUnit(db);
    const sz = await buildUnit(db, { cityOrgId: SUZHOU });
    const units = (items: { id: string; kind: string }[]) =>
      items.filter((o) => o.kind === 'applicant_unit').map((o) => o.id);

    const applicant = await env().login(a.username);
    for (const url of ['/api/orgs', '/api/orgs?kind=applicant_unit', `/api/orgs?q=${encodeURIComponent('测试科技')}`]) {
      const res = await applicant.get(url);
      expect(res.statusCode).toBe(200);
      expect(units(res.json().items), url).toEqual([a.unit.id]);
    }
    // Reference organisations stay listed (the applicant chooses among cities, provinces …).
    expect((await applicant.get('/api/orgs')).json().items.some((o: { kind: string }) => o.kind === 'city')).toBe(true);

    const nj = await env().login((await buildCityReviewer(db)).username);
    const njUnits = units((await nj.get('/api/orgs')).json().items);
    expect(njUnits).toEqual(expect.arrayContaining([a.unit.id, otherNj.id]));
    expect(njUnits).not.toContain(sz.id);
    const most = await env().login((await buildMinistryOfficer(db)).username);
    expect(units((await most.get('/api/orgs?kind=applicant_unit')).json().items)).toEqual(
      expect.arrayContaining([a.unit.id, otherNj.id, sz.id]),
    );
  });

  it('ten concurrent requests with one Idempotency-Key act once', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const key = `upload-${randomUUID()}`;
    const body = multipart({ name: '同一文件.pdf', data: pdf() }, 'other');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        c.request({
          method: 'POST',
          url: `/api/applications/${app.id}/files`,
          payload: body.payload,
          headers: { ...body.headers, 'idempotency-key': key },
        }),
      ),
    );
    const files = await db.selectFrom('application_files').select('id').where('application_id', '=', app.id).execute();
    expect(files).toHaveLength(1);
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(codes.every((s) => s === 201 || s === 409)).toBe(true);
    // Replays carry the same file; a later retry replays the stored answer.
    const created = answers.filter((r) => r.statusCode === 201).map((r) => r.json().file.id);
    expect(new Set(created)).toEqual(new Set([files[0]!.id]));
    const later = await c.request({
      method: 'POST',
      url: `/api/applications/${app.id}/files`,
      payload: body.payload,
      headers: { ...body.headers, 'idempotency-key': key },
    });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotency-replayed']).toBe('true');
    expect(await auditOf('application.file_upload').then((r) => r.filter((x) => x.target_id === app.id))).toHaveLength(
      1,
    );
  });

  it('audits the credit-record export and officials’ downloads of application material, not the unit’s own', async () => {
    const db = env().db;
    const officer = await buildProvinceOfficer(db);
    const po = await env().login(officer.username);
    for (const format of ['csv', 'json']) {
      const res = await po.get(`/api/credit-records/export?format=${format}`);
      expect(res.statusCode).toBe(200);
    }
    const exports = (await auditOf('export.credit_records')).filter((r) => r.actor_id === officer.id);
    expect(exports.map((r) => JSON.parse(r.summary).format)).toEqual(['csv', 'json']);

    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const up = await c.request({
      method: 'POST',
      url: `/api/applications/${app.id}/files`,
      ...multipart({ name: '营业执照.pdf', data: pdf() }, 'business_license'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().file.id;
    expect((await c.get(`/api/applications/${app.id}/files/${fileId}`)).statusCode).toBe(200);
    expect(await auditOf('download.application_file')).toHaveLength(0);
    await db.updateTable('applications').set({ status: 'submitted' }).where('id', '=', app.id).execute();

    const reviewer = await buildCityReviewer(db);
    const r = await env().login(reviewer.username);
    expect((await r.get(`/api/applications/${app.id}/files/${fileId}`)).statusCode).toBe(200);
    expect((await r.get(`/api/applications/${app.id}/narrative.docx`)).statusCode).toBe(200);
    const file = await auditOf('download.application_file');
    expect(file).toMatchObject([{ actor_id: reviewer.id, target_id: app.id }]);
    expect(JSON.parse(file[0]!.summary)).toMatchObject({ fileId, fileName: '营业执照.pdf' });
    expect(await auditOf('download.application_docx')).toMatchObject([{ actor_id: reviewer.id, target_id: app.id }]);
  });

  it('neutralises xlsx cells that start with = + - @ as the CSV export does', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const names = ['=HYPERLINK("http://evil.example","点此")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1'];
    for (const spaceName of names)
      await buildApplication(db, { batchId: batch.id, unit: await buildUnit(db), spaceName });
    const r = await env().login((await buildCityReviewer(db)).username);
    const res = await r.get(`/api/exports/applications.xlsx?batchId=${batch.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cells.push(cell.value);
      }),
    );
    for (const name of names) expect(cells).toContain(`'${name}`);
    expect(cells.filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
  });
});
