import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch, buildCityReviewer, SUZHOU } from '../factories.js';
import {
  act,
  applicationState,
  completeApplication,
  createApplication,
  expectError,
  multipart,
  pdf,
  PLEDGE,
  PNG,
  upload,
} from '../helpers/applications.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under DATA_DIR/files (temporary files included), to see what a request left behind. */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(root, p)).isFile())
    .sort();
}

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

describeEachDb('application uploads', (env) => {
  const dataDir = () => env().app.config.dataDir;

  it('accepts PDF, PNG and DOCX by content, stores them by SHA-256 and serves them back', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const files = [
      { name: '营业执照.pdf', data: pdf(), kind: 'business_license', mime: 'application/pdf' },
      { name: '场地照片.png', data: PNG, kind: 'site_photos', mime: 'image/png' },
      {
        name: '盖章基础信息表.docx',
        data: await docx(`基础信息表 ${a.unit.uscc}`),
        kind: 'stamp_scan',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ];
    for (const f of files) {
      env().clock.advance(1000);
      const res = await upload(c, app.id, { name: f.name, data: f.data }, f.kind);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().file).toMatchObject({
        kind: f.kind,
        fileName: f.name,
        mime: f.mime,
        size: f.data.length,
        sha256: sha(f.data),
      });
      const onDisk = path.join(dataDir(), 'files', sha(f.data).slice(0, 2), sha(f.data));
      expect(fs.readFileSync(onDisk).equals(f.data)).toBe(true);
    }
    const list = (await c.get(`/api/applications/${app.id}/files`)).json().items;
    expect(list.map((f: { kind: string }) => f.kind)).toEqual(['business_license', 'site_photos', 'stamp_scan']);
    expect(list[0].kindLabel).toBe('运营主体营业执照');
    expect((await c.get(`/api/applications/${app.id}`)).json().files).toEqual(list);

    const dl = await c.get(`/api/applications/${app.id}/files/${list[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`,
    );
    expect(dl.rawPayload.equals(files[0]!.data)).toBe(true);
    const inline = await c.get(`/api/applications/${app.id}/files/${list[1].id}?disposition=inline`);
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);

    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'application.file_upload')
      .where('target_id', '=', app.id)
      .execute();
    expect(audit).toHaveLength(3);
  });

  it('decides the type by content: a PNG named .pdf is stored as PNG, a text file named .pdf is refused', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const disguised = Buffer.concat([PNG, Buffer.from(a.unit.uscc)]);
    const res = await upload(c, app.id, { name: '扫描件.pdf', data: disguised, type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().file).toMatchObject({ mime: 'image/png', fileName: '扫描件.png' });
    const dl = await c.get(`/api/applications/${app.id}/files/${res.json().file.id}`);
    expect(dl.headers['content-type']).toBe('image/png');

    const before = storedFiles(dataDir());
    const state = await applicationState(db, app.id);
    for (const data of [
      Buffer.from('这不是 PDF，只是一段文字。\n'.repeat(20)),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]) {
      const refused = await upload(c, app.id, { name: '申报书.pdf', data, type: 'application/pdf' });
      expectError(refused, 415, 'unsupported_file');
      expect(refused.json().error.message).toContain('PDF、JPG、PNG、Word（DOCX）、Excel（XLSX）');
    }
    expect(storedFiles(dataDir())).toEqual(before);
    expect(await applicationState(db, app.id)).toEqual(state);
  });

  it('refuses a file over 20 MB with 413 and keeps nothing of it', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20);
    big.write('%PDF-1.4\n');
    const before = storedFiles(dataDir());
    const state = await applicationState(db, app.id);
    const res = await upload(c, app.id, { name: '大文件.pdf', data: big });
    expectError(res, 413, 'payload_too_large');
    expect(res.json().error.message).toContain('20 MB');
    expect(storedFiles(dataDir())).toEqual(before);
    expect(await applicationState(db, app.id)).toEqual(state);

    // Exactly 20 MB is accepted.
    const max = Buffer.alloc(20 * 1024 * 1024, 0x20);
    max.write('%PDF-1.4\n');
    max.write(`\n${a.unit.uscc}\n%%EOF\n`, max.length - 40);
    expect((await upload(c, app.id, { name: '刚好.pdf', data: max })).statusCode).toBe(201);
  });

  it('stores the same content once, however often and by whomever it is uploaded', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const data = pdf();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const a = await buildApplicant(db);
      const c = await env().login(a.username);
      const app = await createApplication(c, batch.id);
      ids.push(app.id);
      expect((await upload(c, app.id, { name: `a${i}.pdf`, data })).statusCode).toBe(201);
      expect((await upload(c, app.id, { name: `b${i}.pdf`, data })).statusCode).toBe(201);
    }
    const rows = await db.selectFrom('application_files').select('sha256').where('application_id', 'in', ids).execute();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.sha256))).toEqual(new Set([sha(data)]));
    expect(storedFiles(dataDir()).filter((p) => p.endsWith(sha(data)))).toHaveLength(1);
    expect(storedFiles(dataDir()).filter((p) => p.endsWith('.tmp'))).toEqual([]);
  });

  it('only the unit uploads and deletes, only while draft or returned; anyone who sees the application downloads', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { requiredFileKinds: ['business_license'] });
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const { id } = await completeApplication(c, batch.id, a.unit);
    const other = await env().login((await buildApplicant(db)).username);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    const szReviewer = await env().login((await buildCityReviewer(db, SUZHOU)).username);
    const before = storedFiles(dataDir());
    const data = pdf();
    expectError(await upload(other, id, { name: 'x.pdf', data }), 404, 'not_found');
    expectError(await upload(reviewer, id, { name: 'x.pdf', data }), 403, 'forbidden');
    expectError(await upload(c, id, { name: 'x.pdf', data }, null), 422, 'validation_failed');
    expectError(await upload(c, id, { name: 'x.pdf', data }, 'passport'), 422, 'validation_failed');
    expect(storedFiles(dataDir())).toEqual(before);
    expect((await applicationState(db, id)).files).toEqual([]);

    // The kind may also be given in the query string.
    const viaQuery = await c.request({
      method: 'POST',
      url: `/api/applications/${id}/files?kind=other`,
      ...multipart({ name: '其他.pdf', data: pdf() }, null),
    });
    expect(viaQuery.statusCode, viaQuery.body).toBe(201);
    expect(viaQuery.json().file.kind).toBe('other');

    // Deleting is soft: the row stays, marked deleted, and disappears from the lists.
    const del = await c.delete(`/api/applications/${id}/files/${viaQuery.json().file.id}`);
    expect(del.statusCode, del.body).toBe(200);
    const row = await db
      .selectFrom('application_files')
      .selectAll()
      .where('id', '=', viaQuery.json().file.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect((await c.get(`/api/applications/${id}/files`)).json().items).toEqual([]);
    expect((await c.get(`/api/applications/${id}/files/${row.id}`)).statusCode).toBe(404);
    expect((await c.delete(`/api/applications/${id}/files/${row.id}`)).statusCode).toBe(404);

    // The batch requires a business licence: the submission says so until it is there.
    const missing = await act(c, id, 'submit', { pledge: PLEDGE });
    expectError(missing, 422, 'validation_failed');
    expect(missing.json().error.details).toEqual([
      { path: 'files.business_license', message: '请上传“运营主体营业执照”' },
    ]);
    const lic = await upload(c, id, { name: '营业执照.pdf', data }, 'business_license');
    expect(lic.statusCode).toBe(201);
    const sub = await act(c, id, 'submit', { pledge: PLEDGE });
    expect(sub.statusCode, sub.body).toBe(200);
    // The snapshot, and so the pledge's SHA-256, covers the files.
    const snap = await db
      .selectFrom('application_snapshots')
      .select('content')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(snap.content).files).toEqual([
      { fileName: '营业执照.pdf', kind: 'business_license', sha256: sha(data), size: data.length },
    ]);

    // Submitted: no more uploads or deletions.
    const state = await applicationState(db, id);
    expectError(await upload(c, id, { name: 'late.pdf', data: pdf() }), 409, 'invalid_transition');
    expectError(await c.delete(`/api/applications/${id}/files/${lic.json().file.id}`), 409, 'invalid_transition');
    expect(await applicationState(db, id)).toEqual(state);

    // The city reviewer downloads; another city's reviewer gets 404.
    const dl = await reviewer.get(`/api/applications/${id}/files/${lic.json().file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(data)).toBe(true);
    expect((await szReviewer.get(`/api/applications/${id}/files/${lic.json().file.id}`)).statusCode).toBe(404);
    expect((await szReviewer.get(`/api/applications/${id}/files`)).statusCode).toBe(404);
  });
});
