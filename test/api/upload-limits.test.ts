import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { MAX_FILES_PER_APPLICATION } from '../../src/domain/schemas/applications.js';
import { MAX_PHOTOS_PER_VISIT } from '../../src/domain/schemas/experts.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import {
  buildAdmin,
  buildApplicant,
  buildApplication,
  buildBatch,
  buildCityReviewer,
  buildProvinceOfficer,
} from '../factories.js';
import { applicationState, createApplication, expectError, multipart, pdf, PNG } from '../helpers/applications.js';

/**
 * Issue 11, item 8: malformed multipart bodies answered 500; the upload routes parsed the body before
 * checking who may upload; 50 parallel uploads left 65 files on a 50-file application.
 */

const BOUNDARY = 'msfMalformed1234';
const CT = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

/** Bodies a fuzzer sent: each is the client's mistake, never the server's. */
const MALFORMED: { name: string; headers: Record<string, string>; payload: Buffer }[] = [
  { name: 'no boundary', headers: { 'content-type': 'multipart/form-data' }, payload: Buffer.from('abc') },
  {
    name: 'truncated in the file',
    headers: CT,
    payload: Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n` +
        'x'.repeat(1000),
    ),
  },
  {
    name: 'malformed part header',
    headers: CT,
    payload: Buffer.from(`--${BOUNDARY}\r\n${'\u0000'.repeat(10)}: \u0001\r\n${'h'.repeat(20_000)}\r\n`),
  },
  { name: 'garbage', headers: CT, payload: Buffer.from('\r\n--\r\n--' + BOUNDARY + 'zz\r\n\r\n') },
];

const send = (client: Client, url: string, body: { headers: Record<string, string>; payload: Buffer }) =>
  client.request({ method: 'POST', url, headers: body.headers, payload: body.payload });

describeEachDb('upload bodies and limits', (env) => {
  async function draft() {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    return { a, c, id: app.id as string };
  }

  async function visit() {
    const db = env().db;
    const a = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: (await buildBatch(db)).id, unit: a.unit, status: 'accepted' });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const res = await officer.post(`/api/applications/${app.id}/field-visits`, {
      visitedOn: '2026-06-15',
      visitors: '省科技厅高新处',
      findings: '场地与申报一致。',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { officer, applicant: await env().login(a.username), id: res.json().visit.id as string, appId: app.id };
  }

  it('answers a malformed multipart body with 400 and a Chinese message on every upload route, storing nothing', async () => {
    const db = env().db;
    const { c, id } = await draft();
    const v = await visit();
    const batch = await buildBatch(db);
    const managers = [await buildAdmin(db, 'system_admin'), await buildProvinceOfficer(db)];
    const state = await applicationState(db, id);
    for (const body of MALFORMED) {
      const res = await send(c, `/api/applications/${id}/files`, body);
      expectError(res, 400, 'bad_request');
      expect(res.json().error.message, body.name).toMatch(/上传内容格式不正确|multipart/);
      expectError(await send(v.officer, `/api/field-visits/${v.id}/photos`, body), 400, 'bad_request');
      for (const m of managers) {
        const res2 = await send(await env().login(m.username), `/api/batches/${batch.id}/documents`, body);
        // 403 for whoever does not manage batches; 400 for who does — never 500.
        expect([400, 403], res2.body).toContain(res2.statusCode);
      }
    }
    expect(await applicationState(db, id)).toEqual(state);
    expect(await db.selectFrom('field_visit_photos').select('id').where('visit_id', '=', v.id).execute()).toEqual([]);
    expect(await db.selectFrom('batch_documents').select('id').where('batch_id', '=', batch.id).execute()).toEqual([]);
  });

  it('decides who may upload before reading the body: 401, 404, 403 and 409 come before any 400', async () => {
    const db = env().db;
    const { a, c, id } = await draft();
    const bad = MALFORMED[2]!;
    const url = `/api/applications/${id}/files`;
    expectError(await send(env().anonymous(), url, bad), 401, 'unauthorized');
    const other = await env().login((await buildApplicant(db)).username);
    expectError(await send(other, url, bad), 404, 'not_found');
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expectError(await send(reviewer, url, bad), 403, 'forbidden');
    // A submitted application: its state refuses the upload before the body is looked at.
    const submitted = await buildApplication(db, { batchId: (await buildBatch(db)).id, unit: a.unit });
    expectError(await send(c, `/api/applications/${submitted.id}/files`, bad), 409, 'invalid_transition');

    const v = await visit();
    expectError(await send(v.applicant, `/api/field-visits/${v.id}/photos`, bad), 403, 'forbidden');
    const batch = await buildBatch(db);
    expectError(await send(c, `/api/batches/${batch.id}/documents`, bad), 403, 'forbidden');
  });

  it(`keeps an application at ${MAX_FILES_PER_APPLICATION} files under 50 parallel uploads`, async () => {
    const db = env().db;
    const { c, a, id } = await draft();
    const existing = MAX_FILES_PER_APPLICATION - 5;
    for (let i = 0; i < existing; i++) {
      await db
        .insertInto('application_files')
        .values({
          id: randomUUID(),
          application_id: id,
          kind: 'other',
          sha256: 'a'.repeat(64),
          file_name: `${i}.pdf`,
          mime: 'application/pdf',
          size: 10,
          uploaded_by: a.id,
          uploaded_at: new Date().toISOString(),
          deleted_at: null,
        })
        .execute();
    }
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        c.request({
          method: 'POST',
          url: `/api/applications/${id}/files`,
          ...multipart({ name: `${i}.pdf`, data: pdf() }),
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(5);
    expect(codes.filter((s) => s === 409)).toHaveLength(45);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.message).toContain('最多上传');
    const files = await db
      .selectFrom('application_files')
      .select('id')
      .where('application_id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
    expect(files).toHaveLength(MAX_FILES_PER_APPLICATION);
  });

  it(`keeps a field visit at ${MAX_PHOTOS_PER_VISIT} photos under parallel uploads`, async () => {
    const db = env().db;
    const v = await visit();
    const results = await Promise.all(
      Array.from({ length: MAX_PHOTOS_PER_VISIT + 10 }, () =>
        v.officer.request({
          method: 'POST',
          url: `/api/field-visits/${v.id}/photos`,
          ...multipart({ name: '现场.png', data: Buffer.concat([PNG, Buffer.from(randomUUID())]) }, null),
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(MAX_PHOTOS_PER_VISIT);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(10);
    const photos = await db.selectFrom('field_visit_photos').select('id').where('visit_id', '=', v.id).execute();
    expect(photos).toHaveLength(MAX_PHOTOS_PER_VISIT);
  });
});
