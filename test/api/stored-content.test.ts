import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildApplication, buildBatch } from '../factories.js';
import { setWorkingCopy, workingCopy } from '../helpers/workingCopy.js';

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
    await setWorkingCopy(db, app.id, bad);
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

    // A section whose stored text is not JSON: the whole working copy reads as empty, reported.
    await setWorkingCopy(db, app.id, {}, { basicInfo: '{not json' });
    const empty = await client.get(`/api/applications/${app.id}`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().content).toEqual({ basicInfo: null, narrative: null, provincialFiling: null });
  });

  it('an autosave replaces the sections it sends and leaves the others as stored (bad values left out when read)', async () => {
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
    await setWorkingCopy(db, app.id, stored);
    const { version } = (await client.get(`/api/applications/${app.id}`)).json() as { version: number };
    const res = await client.patch(`/api/applications/${app.id}`, { version, basicInfo: { spaceName: '新名称' } });
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      basicInfo: { spaceName: '新名称' },
      narrative: { hostOverview: '<p>概况</p>' },
      provincialFiling: { status: 'planned' },
    };
    // The answer carries the section saved; the others are stored as they were (bad values and all).
    expect(res.json().content).toEqual({ basicInfo: expected.basicInfo });
    expect(await workingCopy(db, app.id)).toEqual({ ...stored, basicInfo: expected.basicInfo });
    expect((await client.get(`/api/applications/${app.id}`)).json().content).toEqual(expected);
  });
});
