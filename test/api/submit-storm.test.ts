import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildBatch, NANJING } from '../factories.js';
import { act, completeApplication, PLEDGE } from '../helpers/applications.js';

// Deadline day in one city (bench/, issue 7): many applicants submit at the same moment. Each must
// succeed once with its own number; before numbering was serialised, simultaneous submissions of a
// city all read the same highest number and some failed after five retries.
describeEachDb('simultaneous submissions of one city', (env) => {
  it('gives every one of 16 simultaneous submissions its own consecutive number', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const units = await Promise.all(Array.from({ length: 16 }, () => buildApplicant(db, { cityOrgId: NANJING })));
    const clients = await Promise.all(units.map((u) => env().login(u.username)));
    const apps = await Promise.all(units.map((u, i) => completeApplication(clients[i]!, batch.id, u.unit)));

    const results = await Promise.all(apps.map((a, i) => act(clients[i]!, a.id, 'submit', { pledge: PLEDGE })));

    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = results.map((r) => r.json().number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => `2026-320100-${String(i + 1).padStart(4, '0')}`));
    const snapshots = await db
      .selectFrom('application_snapshots')
      .select('application_id')
      .where(
        'application_id',
        'in',
        apps.map((a) => a.id),
      )
      .execute();
    expect(snapshots).toHaveLength(16);
  });
});
