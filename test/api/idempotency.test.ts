import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from '../helpers/env.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { createApplication, multipart, pdf } from '../helpers/applications.js';
import { workingCopyJson } from '../../src/server/repositories/sections.js';

/**
 * Issue 11 item 8: the Idempotency-Key is claimed inside the transaction of the command, so that one of
 * concurrent requests acts, a failed command leaves no claim, and a retry gets the stored answer.
 */
describeEachDb('Idempotency-Key claimed in the command’s transaction', (env) => {
  const keyRow = (key: string) =>
    env().db.selectFrom('idempotency_keys').select(['status_code', 'body']).where('key', '=', key).executeTakeFirst();
  const withKey = (c: Client, key: string, method: 'PATCH' | 'POST', url: string, payload: unknown) =>
    c.request({ method, url, payload: payload as Record<string, unknown>, headers: { 'idempotency-key': key } });

  it('ten concurrent uploads with one key: exactly one acts, the others get 409 or its answer', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const key = `upload-${randomUUID()}`;
    const body = multipart({ name: '同一文件.pdf', data: pdf() }, 'other');
    const send = () =>
      c.request({
        method: 'POST',
        url: `/api/applications/${app.id}/files`,
        payload: body.payload,
        headers: { ...body.headers, 'idempotency-key': key },
      });
    const answers = await Promise.all(Array.from({ length: 10 }, send));

    const files = await db.selectFrom('application_files').select('id').where('application_id', '=', app.id).execute();
    expect(files).toHaveLength(1);
    const acted = answers.filter((r) => r.statusCode === 201 && r.headers['idempotency-replayed'] === undefined);
    expect(acted).toHaveLength(1);
    for (const r of answers) {
      if (r === acted[0]) continue;
      if (r.statusCode === 409) expect(r.json().error.code).toBe('conflict');
      else expect([r.statusCode, r.headers['idempotency-replayed'], r.body]).toEqual([201, 'true', acted[0]!.body]);
    }
    const audits = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'application.file_upload')
      .where('target_id', '=', app.id)
      .execute();
    expect(audits).toHaveLength(1);

    const later = await send();
    expect([later.statusCode, later.headers['idempotency-replayed'], later.body]).toEqual([
      201,
      'true',
      acted[0]!.body,
    ]);
    expect(await keyRow(key)).toMatchObject({ status_code: 201, body: acted[0]!.body });
  });

  it('a command that fails inside its transaction leaves no claim: the corrected retry acts, then replays', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const c = await env().login(a.username);
    const app = await createApplication(c, (await buildBatch(db)).id);
    const url = `/api/applications/${app.id}`;
    const key = `save-${randomUUID()}`;

    const stale = await withKey(c, key, 'PATCH', url, { version: 7, basicInfo: { address: '甲' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(await keyRow(key)).toBeUndefined();

    const saved = await withKey(c, key, 'PATCH', url, { version: 1, basicInfo: { address: '乙' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers['idempotency-replayed']).toBeUndefined();
    const version = saved.json().version;

    const again = await withKey(c, key, 'PATCH', url, { version: 1, basicInfo: { address: '乙' } });
    expect([again.statusCode, again.headers['idempotency-replayed'], again.body]).toEqual([200, 'true', saved.body]);
    const row = await db
      .selectFrom('applications')
      .select(['version'])
      .select(workingCopyJson(db, 'applications.id').as('content'))
      .where('id', '=', app.id)
      .executeTakeFirst();
    expect(row!.version).toBe(version);
    expect(JSON.parse(row!.content).basicInfo.address).toBe('乙');
  });

  it('a request refused before its command leaves no claim; a key reused elsewhere is refused with 422', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const a = await buildApplicant(db);
    const other = await buildApplicant(db);
    const c = await env().login(a.username);
    const o = await env().login(other.username);
    const mine = await createApplication(c, batch.id);
    const theirs = await createApplication(o, batch.id);
    const key = `refused-${randomUUID()}`;

    const refused = await withKey(c, key, 'PATCH', `/api/applications/${theirs.id}`, {
      version: 1,
      basicInfo: { address: '丙' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(await keyRow(key)).toBeUndefined();

    const ok = await withKey(c, key, 'PATCH', `/api/applications/${mine.id}`, {
      version: 1,
      basicInfo: { address: '丁' },
    });
    expect(ok.statusCode).toBe(200);
    const elsewhere = await withKey(c, key, 'PATCH', `/api/applications/${theirs.id}`, {
      version: 1,
      basicInfo: { address: '戊' },
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.message).toContain('Idempotency-Key');
  });
});
