import { expect, it } from 'vitest';
import { buildApplicant, buildBatch, buildProvinceOfficer } from '../factories.js';
import { createApplication } from '../helpers/applications.js';
import { describeEachDb } from '../helpers/env.js';

/** Malformed multipart bodies are the client's fault: 400 bad_request, never 500 (found by the OpenAPI fuzz test). */
const MALFORMED = [
  { type: 'multipart/form-data', body: '--X\r\n\r\n' },
  { type: 'multipart/form-data; boundary=X', body: 'garbage' },
  {
    type: 'multipart/form-data; boundary=X',
    body: '--X\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
  },
  { type: `multipart/form-data; boundary=${'B'.repeat(500)}`, body: `--${'B'.repeat(500)}--` },
];

describeEachDb('malformed multipart bodies', (env) => {
  it('answer 400 on every upload route', async () => {
    const db = env().db;
    const a = await buildApplicant(db);
    const applicant = await env().login(a.username);
    const batch = await buildBatch(db);
    const application = await createApplication(applicant, batch.id);
    const officer = await env().login((await buildProvinceOfficer(db)).username);
    const routes = [
      { client: applicant, url: `/api/applications/${application.id}/files?kind=other` },
      { client: officer, url: `/api/batches/${batch.id}/documents` },
      { client: officer, url: `/api/field-visits/00000000-0000-4000-8000-000000000000/photos` },
    ];
    for (const { client, url } of routes)
      for (const m of MALFORMED) {
        const res = await client.request({ method: 'POST', url, headers: { 'content-type': m.type }, payload: m.body });
        expect(res.statusCode, `${url} ${m.type} ${res.body}`).toBeLessThan(500);
        if (res.statusCode === 400) expect(res.json().error.code).toBe('bad_request');
      }
  });
});
