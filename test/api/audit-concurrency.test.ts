import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch, NANJING, SUZHOU } from '../factories.js';
import { createApplication } from '../helpers/applications.js';
import { verifyAuditChain } from '../../src/server/audit/verify.js';

// Autosaves of many applicants at once (bench B1, issue 7): each save appends its audit record as a
// leaf, without any lock or read of another record (issue 12). Every save has its record, numbers are
// distinct and increasing, each record's hash covers its own stored bytes, and nothing links records.
describeEachDb('simultaneous audited writes', (env) => {
  it('records each of 24 simultaneous autosaves as its own leaf', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const units = await Promise.all(
      Array.from({ length: 24 }, (_, i) => buildApplicant(db, { cityOrgId: i % 2 ? NANJING : SUZHOU })),
    );
    const clients = await Promise.all(units.map((u) => env().login(u.username)));
    const apps = await Promise.all(clients.map((c) => createApplication(c, batch.id)));
    const before = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();

    const saves = await Promise.all(
      apps.map((a, i) =>
        clients[i]!.patch(`/api/applications/${a.id}`, {
          version: a.version,
          basicInfo: { spaceName: `同时保存${i}号众创空间` },
        }),
      ),
    );
    for (const r of saves) expect(r.statusCode, r.body).toBe(200);

    const records = await db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash', 'action', 'target_id'])
      .where('seq', '>', Number(before?.seq ?? 0))
      .orderBy('seq')
      .execute();
    const updates = records.filter((r) => r.action === 'application.update');
    expect(updates.map((r) => r.target_id).sort()).toEqual(apps.map((a) => a.id).sort());
    const seqs = records.map((r) => Number(r.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const r of records) expect(r.prev_hash).toBe('');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
