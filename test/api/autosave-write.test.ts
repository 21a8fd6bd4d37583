import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch } from '../factories.js';
import { completeApplication } from '../helpers/applications.js';

const leaves = async (db: import('../../src/server/db/database.js').Db, id: string) =>
  (
    await db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'application.update')
      .where('target_id', '=', id)
      .execute()
  ).length;

// Issue 12 B1: the autosave's write (one statement with its leaf on PostgreSQL) and the remembered
// saved content (read again only when the stored JSON is exactly what this process wrote).
describeEachDb('autosave write path', (env) => {
  it('two saves from one version at once: one is saved with one audit leaf, the other is 409 and writes nothing', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id, version } = await completeApplication(client, batch.id, applicant.unit);
    const before = await leaves(db, id);
    const res = await Promise.all(
      ['甲', '乙'].map((address) => client.patch(`/api/applications/${id}`, { version, basicInfo: { address } })),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = res.find((r) => r.statusCode === 200)!.json();
    expect(won.version).toBe(version + 1);
    expect(await leaves(db, id)).toBe(before + 1);
    const row = await db
      .selectFrom('applications')
      .select(['version', 'content'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.version)).toBe(version + 1);
    expect(JSON.parse(row.content).basicInfo.address).toBe(won.content.basicInfo.address);
  });

  it('a working copy changed in the database since this process saved it is read from the database', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id, version } = await completeApplication(client, batch.id, applicant.unit);
    const saved = await client.patch(`/api/applications/${id}`, { version, basicInfo: { address: '本实例写的' } });
    expect(saved.statusCode, saved.body).toBe(200);
    // Another instance saves the draft (same shape of JSON, other values).
    const row = await db.selectFrom('applications').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    const changed = JSON.parse(row.content);
    changed.basicInfo = { address: '另一实例写的' };
    await db
      .updateTable('applications')
      .set({ content: JSON.stringify(changed), version: version + 2 })
      .where('id', '=', id)
      .execute();
    const next = await client.patch(`/api/applications/${id}`, { version: version + 2, provincialFiling: null });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().content.basicInfo).toEqual({ address: '另一实例写的' });
    expect(next.json().content.provincialFiling).toBeNull();
    const stored = await db.selectFrom('applications').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.content).basicInfo).toEqual({ address: '另一实例写的' });
  });
});
