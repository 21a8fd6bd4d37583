import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/audit/verify.js';
import {
  buildAcceptanceClerk,
  buildAdmin,
  buildApplicant,
  buildBatch,
  buildCityApprover,
  buildCityReviewer,
  buildMinistryOfficer,
  buildProvinceOfficer,
  buildUser,
  JS_DEPT_ID,
} from '../factories.js';
import { createApplication, pdf, upload } from '../helpers/applications.js';
import { describeEachDb, type Client } from '../helpers/env.js';
import { badRequests, operations, type FuzzRequest } from '../helpers/fuzz.js';

/**
 * Issue 11, item 11: every operation of /api/openapi.json, sent generated bad values by logged-in
 * users of every role (session cookie and CSRF header) and by an anonymous client, never answers
 * 5xx; the audit chain still verifies afterwards. Fixed seed, bounded runs per operation.
 */

const SEED = 20261206;
const RUNS_PER_OPERATION = 60;

describeEachDb('OpenAPI fuzz', (env) => {
  it('answers every generated bad request below 500, and the audit chain still verifies', async () => {
    const { db, app } = env();
    const applicant = await buildApplicant(db);
    const batch = await buildBatch(db);
    const builtUsers = [
      applicant,
      await buildCityReviewer(db),
      await buildCityApprover(db),
      await buildAcceptanceClerk(db),
      await buildProvinceOfficer(db),
      await buildMinistryOfficer(db),
      await buildUser(db, { roles: ['expert'], orgId: JS_DEPT_ID }),
      await buildAdmin(db, 'system_admin'),
      await buildAdmin(db, 'security_admin'),
      await buildAdmin(db, 'audit_admin'),
    ];
    const clients: Client[] = [];
    for (const u of builtUsers) clients.push(await env().login(u.username));
    clients.push(env().anonymous());
    const owner = clients[0]!;
    const application = await createApplication(owner, batch.id);
    const file = (await upload(owner, application.id, { name: '材料.pdf', data: pdf() })).json().file;
    // A user nobody logs in as: the accounts routes may act on it without ending the fuzzers' sessions.
    const bystander = await buildUser(db, { roles: ['applicant'], orgId: applicant.unit.id });
    const ids = [application.id, batch.id, file.id, bystander.id, applicant.unit.id];

    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // Logging out last, so that the other operations keep their sessions.
    const ops = operations(doc).sort(
      (a, b) =>
        Number(a.path === '/api/session' && a.method === 'DELETE') -
        Number(b.path === '/api/session' && b.method === 'DELETE'),
    );
    expect(ops.length).toBeGreaterThan(60);

    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const requests = fc.sample(fc.tuple(fc.nat(clients.length - 1), badRequests(op, ids)), {
        seed: SEED,
        numRuns: RUNS_PER_OPERATION,
      });
      for (const [who, req] of requests) {
        const res = await send(clients[who]!, req);
        sent++;
        if (res.statusCode >= 500)
          failures.push(
            `${op.method} ${op.path} as client ${who}: ${res.statusCode} ${res.body.slice(0, 200)} ← ` +
              `${req.url.slice(0, 200)} ${req.headers['content-type'] ?? ''} ${(req.payload ?? '').slice(0, 200)}`,
          );
      }
    }
    expect(sent).toBe(ops.length * RUNS_PER_OPERATION);
    expect(failures, failures.join('\n')).toEqual([]);
    const chain = await verifyAuditChain(db);
    expect(chain, JSON.stringify(chain)).toMatchObject({ ok: true });
  }, 180_000);
});

function send(client: Client, req: FuzzRequest) {
  return client.request({
    method: req.method as 'GET',
    url: req.url,
    headers: req.headers,
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
}
