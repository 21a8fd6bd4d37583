import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildBatch, buildCityReviewer, buildProvinceOfficer, JIANGSU, NANJING } from '../factories.js';

/** The server says what each viewer may do with batches and deadlines; the web app offers exactly that (issue 13). */
describeEachDb('batch allowed actions', (env) => {
  it('sends allowedActions and deadlineScopes for the viewer, nothing for a visitor', async () => {
    const db = env().db;
    const batch = await buildBatch(db, { applicantDeadlines: { [NANJING]: '2026-07-31T15:59:59.000Z' } });
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const reviewer = await env().login((await buildCityReviewer(db)).username);

    const list = (await officer.get('/api/batches')).json();
    expect(list.allowedActions).toEqual(['create']);
    const mine = list.items.find((b: { id: string }) => b.id === batch.id);
    expect(mine.allowedActions).toEqual(['edit', 'set_deadline']);
    expect(mine.deadlineScopes).toEqual([{ kind: 'city', scopeOrgId: JIANGSU }]);

    const seen = (await reviewer.get(`/api/batches/${batch.id}`)).json().batch;
    expect(seen.allowedActions).toEqual(['set_deadline']);
    expect(seen.deadlineScopes).toEqual([{ kind: 'applicant', scopeOrgId: NANJING }]);
    const own = seen.deadlines.find((d: { kind: string; scopeOrgId: string }) => d.scopeOrgId === NANJING);
    expect(own.allowedActions).toEqual(['extend']);

    const visitor = env().anonymous();
    expect((await visitor.get('/api/batches')).json().allowedActions).toEqual([]);
    const pub = (await visitor.get(`/api/batches/${batch.id}`)).json().batch;
    expect(pub).toMatchObject({ allowedActions: [], deadlineScopes: [] });
    expect(pub.deadlines.every((d: { allowedActions: string[] }) => d.allowedActions.length === 0)).toBe(true);
  });
});
