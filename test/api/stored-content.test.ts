import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildApplication, buildBatch } from '../factories.js';

/** Stored rows that do not parse (written by hand, or by older code) never fail a read (issue 13). */
describeEachDb('stored content', (env) => {
  it('shows and prints an application whose stored content does not parse, without the bad values', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: applicant.unit, status: 'draft' });
    const client = await env().login(applicant.username);
    const bad = {
      basicInfo: { spaceName: '丙专业化众创空间', managementTeamSize: 'twelve', head: 'x' },
      narrative: { hostOverview: '<p>概况</p>', successCases: 'none' },
    };
    await db
      .updateTable('applications')
      .set({ content: JSON.stringify(bad) })
      .where('id', '=', app.id)
      .execute();
    const res = await client.get(`/api/applications/${app.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content).toMatchObject({
      basicInfo: { spaceName: '丙专业化众创空间' },
      narrative: { hostOverview: '<p>概况</p>' },
    });
    expect(res.json().content.basicInfo).not.toHaveProperty('managementTeamSize');
    expect(res.json().content.narrative).not.toHaveProperty('successCases');
    const pdf = await client.get(`/api/applications/${app.id}/pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);

    await db.updateTable('applications').set({ content: '{not json' }).where('id', '=', app.id).execute();
    const empty = await client.get(`/api/applications/${app.id}`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().content).toEqual({ basicInfo: null, narrative: null, provincialFiling: null });
  });

  it('an autosave replaces the sections it sends and keeps the others as read (bad values left out)', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const applicant = await buildApplicant(db);
    const app = await buildApplication(db, { batchId: batch.id, unit: applicant.unit, status: 'draft' });
    const client = await env().login(applicant.username);
    const stored = {
      basicInfo: { spaceName: '旧名称', managementTeamSize: 'twelve' },
      narrative: { hostOverview: '<p>概况</p>', successCases: 'none' },
      provincialFiling: { status: 'planned' },
    };
    await db
      .updateTable('applications')
      .set({ content: JSON.stringify(stored) })
      .where('id', '=', app.id)
      .execute();
    const { version } = (await client.get(`/api/applications/${app.id}`)).json() as { version: number };
    const res = await client.patch(`/api/applications/${app.id}`, { version, basicInfo: { spaceName: '新名称' } });
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      basicInfo: { spaceName: '新名称' },
      narrative: { hostOverview: '<p>概况</p>' },
      provincialFiling: { status: 'planned' },
    };
    expect(res.json().content).toEqual(expected);
    const row = await db
      .selectFrom('applications')
      .select('content')
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.content)).toEqual(expected);
  });
});
