import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env.js';
import { buildApplicant, buildApplication, buildBatch } from '../factories.js';
import { completeApplication } from '../helpers/applications.js';
import { findApplicationForEdit } from '../../src/server/repositories/applications.js';
import { hashToken } from '../../src/server/repositories/sessions.js';
import { findSessionWithActor } from '../../src/server/repositories/users.js';
import {
  findSessionForRoute,
  findSessionWithApplicationForEdit,
} from '../../src/server/repositories/sessionPreload.js';

const sessionIdOf = (cookie: string | null) => hashToken(/msf_sid=([^;]+)/.exec(cookie ?? '')![1]!);

// Issue 12 B1: the autosave's session lookup reads the application in the same statement; what it
// reads must be exactly what the two separate queries read.
describeEachDb('session lookup with the application an autosave edits', (env) => {
  it('gives the session, the actor and the application exactly as the separate queries do', async () => {
    const db = env().db;
    const applicant = await buildApplicant(db);
    const { city_id } = await db
      .selectFrom('orgs')
      .select('city_id')
      .where('id', '=', applicant.unit.id)
      .executeTakeFirstOrThrow();
    // Both deadlines of the chain set, so that both subqueries give a value.
    const batch = await buildBatch(db, {
      applicantDeadlines: { [city_id!]: '2026-07-20T15:59:59Z' },
      requiredFileKinds: ['business_licence'],
    });
    const client = await env().login(applicant.username);
    const { id } = await completeApplication(client, batch.id, applicant.unit);
    const sessionId = sessionIdOf(client.cookie);

    const together = await findSessionWithApplicationForEdit(db, sessionId, id);
    const { preload, ...session } = together!;
    expect(session).toEqual(await findSessionWithActor(db, sessionId));
    const alone = await findApplicationForEdit(db, id);
    expect(alone?.applicant_due_at).toBeTruthy();
    expect(alone?.city_due_at).toBeTruthy();
    expect(preload.applicationForEdit).toEqual(alone);
    // The same through the route's lookup, and without a preload the session alone.
    expect(await findSessionForRoute(db, sessionId, { kind: 'applicationForEdit', id })).toEqual(together);
    expect(await findSessionForRoute(db, sessionId, undefined)).toEqual({ ...session, preload: null });
  });

  it('no such application: the session still, the application null; no such session: nothing', async () => {
    const db = env().db;
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    const sessionId = sessionIdOf(client.cookie);
    const found = await findSessionWithApplicationForEdit(db, sessionId, 'no-such-application');
    expect(found?.loaded.actor.username).toBe(applicant.username);
    expect(found?.preload.applicationForEdit).toBeNull();
    expect(await findSessionWithApplicationForEdit(db, hashToken('no-such-token'), 'x')).toBeNull();
  });

  it('the autosave still checks what it preloaded: another unit’s draft and a missing one are 404, its own saves', async () => {
    const db = env().db;
    const batch = await buildBatch(db);
    const owner = await buildApplicant(db);
    const other = await buildApplicant(db);
    const draft = await buildApplication(db, { batchId: batch.id, unit: owner.unit, status: 'draft' });
    const version = Number(
      (await db.selectFrom('applications').select('version').where('id', '=', draft.id).executeTakeFirstOrThrow())
        .version,
    );
    const intruder = await env().login(other.username);
    const refused = await intruder.patch(`/api/applications/${draft.id}`, { version, basicInfo: { address: '冒改' } });
    expect(refused.statusCode).toBe(404);
    const missing = await intruder.patch('/api/applications/no-such-application', { version, basicInfo: {} });
    expect(missing.statusCode).toBe(404);
    const client = await env().login(owner.username);
    const saved = await client.patch(`/api/applications/${draft.id}`, { version, basicInfo: { address: '本单位' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(version + 1);
    // Without a session the preload is never used: 401.
    const anonymous = await env()
      .anonymous()
      .patch(`/api/applications/${draft.id}`, { version: version + 1, basicInfo: {} });
    expect(anonymous.statusCode).toBe(401);
  });

  // Defect (found by the OpenAPI fuzz on PostgreSQL): the preload ran before the route's checks of
  // its parameters, and PostgreSQL's text cannot hold NUL — PATCH /api/applications/%00 answered 500.
  it('an id the route refuses is not sent to the database with the session: 4xx, not 500', async () => {
    const db = env().db;
    const applicant = await buildApplicant(db);
    const client = await env().login(applicant.username);
    for (const id of ['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(65)]) {
      const res = await client.patch(`/api/applications/${id}`, { version: 1, basicInfo: {} });
      expect(res.statusCode, `${id}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${id}: ${res.body}`).toBeLessThan(500);
    }
  });
});
