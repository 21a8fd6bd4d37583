import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch, buildCityReviewer } from '../factories.js';
import { createApplication, pdf } from '../helpers/applications.js';
import { workingCopyJson } from '../../src/server/repositories/sections.js';

const LONE = '\ud800';

/** A multipart body with raw parts, so that a part can declare a charset that yields a lone surrogate. */
function rawMultipart(parts: { headers: string; data: Buffer }[]) {
  const boundary = `----msf${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const p of parts)
    chunks.push(Buffer.from(`--${boundary}\r\n${p.headers}\r\n\r\n`, 'latin1'), p.data, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** UTF-16LE bytes of a lone high surrogate. */
const LONE_UTF16 = Buffer.from([0x00, 0xd8]);

describeEachDb('strings that are not well-formed Unicode are refused (issue 11 item 2)', (env) => {
  const auditCount = async () =>
    Number(
      (
        await env()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a lone surrogate in a JSON body with 422 and writes nothing', async () => {
    const before = await auditCount();
    const res = await env()
      .anonymous()
      .request({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":"\\ud800","password":"x"}',
      });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(/无效的字符编码/);
    expect(res.json().error.details[0].path).toBe('username');
    expect(await auditCount()).toBe(before);
  });

  it('refuses one in a nested body value and in a key, for a logged-in user, changing nothing', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    for (const body of [
      { version: app.version, basicInfo: { spaceName: `空间${LONE}` } },
      { version: app.version, basicInfo: { [`k${LONE}`]: 'x' } },
    ]) {
      const res = await c.patch(`/api/applications/${app.id}`, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const row = await db
      .selectFrom('applications')
      .select(['version'])
      .select(workingCopyJson(db, 'applications.id').as('content'))
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(app.version);
    expect(row.content).not.toContain('\ufffd');
  });

  it('refuses a query whose percent-escapes are not UTF-8 (an encoded surrogate)', async () => {
    const c = await env().login((await buildCityReviewer(env().db)).username);
    const ok = await c.get('/api/registrations?q=%E5%8D%97');
    expect(ok.statusCode).toBe(200);
    const res = await c.get('/api/registrations?q=%ED%A0%80');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'query' }] });
  });

  it('refuses such a path parameter with 422 in the usual error shape', async () => {
    const c = await env().login((await buildCityReviewer(env().db)).username);
    const res = await c.get('/api/applications/%ED%A0%80');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('refuses a multipart field and a file name holding a lone surrogate, storing no file', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const file = {
      headers: 'Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf',
      data: pdf(),
    };
    const bodies = [
      // a field value declared as UTF-16LE that is one lone surrogate
      rawMultipart([
        {
          headers: 'Content-Disposition: form-data; name="kind"\r\nContent-Type: text/plain; charset=utf-16le',
          data: LONE_UTF16,
        },
        file,
      ]),
      // a JSON field whose string is a lone surrogate
      rawMultipart([
        {
          headers: 'Content-Disposition: form-data; name="kind"\r\nContent-Type: application/json',
          data: Buffer.from('"\\ud800"'),
        },
        file,
      ]),
      // a file name in RFC 5987 form, UTF-16LE, a lone surrogate
      rawMultipart([
        { headers: 'Content-Disposition: form-data; name="kind"', data: Buffer.from('other') },
        {
          headers:
            'Content-Disposition: form-data; name="file"; filename*=utf-16le\'\'x%00%00%D8\r\nContent-Type: application/pdf',
          data: pdf(),
        },
      ]),
    ];
    for (const body of bodies) {
      const res = await c.request({ method: 'POST', url: `/api/applications/${app.id}/files`, ...body });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const files = await db.selectFrom('application_files').select('id').where('application_id', '=', app.id).execute();
    expect(files).toHaveLength(0);
  });
});
