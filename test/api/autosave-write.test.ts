import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDb, openTestDatabase } from '../helpers/env.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { buildApplicant, buildBatch, buildCityReviewer } from '../factories.js';
import { act, completeApplication, completeContent, PLEDGE } from '../helpers/applications.js';
import { setWorkingCopy, workingCopy } from '../helpers/workingCopy.js';

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
    const row = await db.selectFrom('applications').select(['version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(row.version)).toBe(version + 1);
    expect((await workingCopy(db, id)).basicInfo).toEqual(won.content.basicInfo);
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
    const changed = await workingCopy(db, id);
    changed.basicInfo = { address: '另一实例写的' };
    await setWorkingCopy(db, id, changed);
    await db
      .updateTable('applications')
      .set({ version: version + 2 })
      .where('id', '=', id)
      .execute();
    const next = await client.patch(`/api/applications/${id}`, { version: version + 2, provincialFiling: null });
    expect(next.statusCode, next.body).toBe(200);
    // The answer carries only the section saved; the other instance's basic information stays stored.
    expect(next.json().content).toEqual({ provincialFiling: null });
    const stored = await workingCopy(db, id);
    expect(stored.basicInfo).toEqual({ address: '另一实例写的' });
    expect(stored).not.toHaveProperty('provincialFiling');
    expect((await client.get(`/api/applications/${id}`)).json().content.basicInfo).toEqual({ address: '另一实例写的' });
  });

  it('an autosave records its time in saved_at and leaves updated_at (the queues’ order and indexes) as it was', async () => {
    const db = env().db;
    const clock = env().clock;
    const start = clock.now().toISOString();
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const { id, version } = await completeApplication(client, batch.id, applicant.unit);
    const row = () =>
      db.selectFrom('applications').select(['updated_at', 'saved_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const created = (await row()).updated_at;
    clock.advance(60_000);
    const at = clock.now().toISOString();
    const basicInfo = { ...completeContent(applicant.unit).basicInfo, address: '南京市玄武区一分钟后路 1 号' };
    const saved = await client.patch(`/api/applications/${id}`, { version, basicInfo });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().updatedAt).toBe(at);
    expect(await row()).toEqual({ updated_at: created, saved_at: at });
    // The unit sees when it last saved, in its list and its detail; a reviewer never does.
    const listed = (await client.get('/api/applications')).json().items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({ updatedAt: created, savedAt: at });
    expect((await client.get(`/api/applications/${id}`)).json()).toMatchObject({ updatedAt: created, savedAt: at });
    // A transition is a change in the process: it moves updated_at.
    clock.advance(60_000);
    const submittedAt = clock.now().toISOString();
    const submitted = await act(client, id, 'submit', { pledge: PLEDGE });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await row()).updated_at).toBe(submittedAt);
    const reviewer = await env().login((await buildCityReviewer(db)).username);
    expect((await reviewer.get(`/api/applications/${id}`)).json()).toMatchObject({
      updatedAt: submittedAt,
      savedAt: null,
    });
    clock.set(start);
  });
});

// PostgreSQL only (SQLite has no fill factor): the migrated table leaves room for in-place saves.
describe.skipIf(!process.env.TEST_DATABASE_URL)('applications fill factor [postgres]', () => {
  it('leaves room on each page of applications for a save to update its row in place', async () => {
    const { database, drop } = await openTestDatabase('postgres');
    try {
      await migrateToLatest(database.db);
      const { rows } = await sql<{ reloptions: string[] | null }>`
        select c.reloptions from pg_class c where c.oid = 'applications'::regclass`.execute(database.db);
      expect(rows[0]?.reloptions).toContain('fillfactor=90');
    } finally {
      await database.destroy();
      await drop();
    }
  });
});
